using Orleans.Storage;

namespace Shop.Silo.Storage;

/// <summary>Grain state through <see cref="StorageTimer"/>: timed, slow operations logged, failures translated.</summary>
public sealed class TimedGrainStorage(IGrainStorage inner, StorageTimer timer) : IGrainStorage
{
    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        Time("read", stateName, grainId, () => inner.ReadStateAsync(stateName, grainId, grainState));

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        Time("write", stateName, grainId, () => inner.WriteStateAsync(stateName, grainId, grainState));

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        Time("clear", stateName, grainId, () => inner.ClearStateAsync(stateName, grainId, grainState));

    private Task Time(string operation, string stateName, GrainId grainId, Func<Task> run) =>
        timer.TimeAsync(operation, grainId.Type.ToString(), grainId.ToString(), stateName, run, translateFailures: true);
}
