using Shop.Grains.Storage;

namespace Shop.Integration.Tests.AdoNetContract;

public interface ICounterGrain : IGrainWithIntegerKey
{
    Task<int> IncrementAsync();

    Task<int> GetAsync();

    Task DeactivateAsync();

    Task RemindEveryAsync(string reminderName, TimeSpan period);
}

/// <summary>The smallest grain that exercises the "store" storage provider and the reminder service.</summary>
public sealed class CounterGrain(
    [PersistentState("counter", ShopStorage.Name)] IPersistentState<CounterState> counter) : Grain, ICounterGrain, IRemindable
{
    async Task<int> ICounterGrain.IncrementAsync()
    {
        counter.State.Value++;
        counter.State.UpdatedBy = "counter grain";
        await counter.WriteStateAsync();
        return counter.State.Value;
    }

    Task<int> ICounterGrain.GetAsync() => Task.FromResult(counter.State.Value);

    Task ICounterGrain.DeactivateAsync()
    {
        DeactivateOnIdle();
        return Task.CompletedTask;
    }

    async Task ICounterGrain.RemindEveryAsync(string reminderName, TimeSpan period) =>
        await this.RegisterOrUpdateReminder(reminderName, dueTime: period, period: period);

    Task IRemindable.ReceiveReminder(string reminderName, TickStatus status) => Task.CompletedTask;
}

public sealed class CounterState
{
    public int Value { get; set; }

    public string? UpdatedBy { get; set; }
}
