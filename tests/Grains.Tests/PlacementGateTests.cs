using Shop.Grains.Users;

namespace Shop.Grains.Tests;

/// <summary>
/// One user's placements run together and its delete alone (<see cref="PlacementGate"/>). Every step is released by the
/// test; the gate runs on one thread here as it does in its grain.
/// </summary>
public sealed class PlacementGateTests
{
    [Fact]
    public async Task Placements_run_together_instead_of_one_after_another()
    {
        var gate = new PlacementGate();
        var first = new TaskCompletionSource<int>();
        var second = new TaskCompletionSource<int>();

        var one = gate.PlaceAsync(() => Task.CompletedTask, () => first.Task);
        var two = gate.PlaceAsync(() => Task.CompletedTask, () => second.Task);
        second.SetResult(2);

        Assert.Equal(2, await two);
        Assert.False(one.IsCompleted);
        first.SetResult(1);
        Assert.Equal(1, await one);
    }

    [Fact]
    public async Task A_delete_waits_for_the_placements_in_flight_and_placements_asked_meanwhile_wait_for_the_delete()
    {
        var gate = new PlacementGate();
        var steps = new List<string>();
        var inFlight = new TaskCompletionSource<int>();
        var userGone = false;
        Task RequireUser() => userGone ? throw new KeyNotFoundException("no user") : Task.CompletedTask;

        var placing = gate.PlaceAsync(RequireUser, () => inFlight.Task);
        var deleting = gate.DeleteAsync(() =>
        {
            steps.Add("delete");
            userGone = true;
            return Task.CompletedTask;
        });
        var late = gate.PlaceAsync(RequireUser, () =>
        {
            steps.Add("late placement");
            return Task.FromResult(2);
        });

        Assert.Empty(steps);
        steps.Add("placement in flight done");
        inFlight.SetResult(1);

        Assert.Equal(1, await placing);
        await deleting;
        // The late placement asked for its user again after the delete, and found none.
        await Assert.ThrowsAsync<KeyNotFoundException>(() => late);
        Assert.Equal(["placement in flight done", "delete"], steps);
    }

    [Fact]
    public async Task A_refused_delete_lets_the_placements_it_held_go_on()
    {
        var gate = new PlacementGate();
        var deleting = new TaskCompletionSource();

        var refused = gate.DeleteAsync(() => deleting.Task);
        var held = gate.PlaceAsync(() => Task.CompletedTask, () => Task.FromResult(7));
        Assert.False(held.IsCompleted);
        deleting.SetException(new InvalidOperationException("open orders"));

        await Assert.ThrowsAsync<InvalidOperationException>(() => refused);
        Assert.Equal(7, await held);
    }
}
