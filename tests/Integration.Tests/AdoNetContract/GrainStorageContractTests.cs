using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;
using Shop.Grains.Storage;

namespace Shop.Integration.Tests.AdoNetContract;

/// <summary>
/// Drives the silo's real "store" provider (Microsoft.Orleans.Persistence.AdoNet on our schema) directly, to prove
/// the ETag contract: a stale or blind write is an error, never a silent overwrite.
/// </summary>
[Collection(SiloOnPostgresCollection.Name)]
public sealed class GrainStorageContractTests(SiloOnPostgres fixture)
{
    private const string ProbeType = "probe";
    private const string OtherType = "other-probe";

    public static TheoryData<string> KeyKinds => new() { "integer", "integer with extension", "guid", "string" };

    private IGrainStorage Storage => fixture.Silo.Services.GetRequiredKeyedService<IGrainStorage>(ShopStorage.Name);

    [Theory]
    [MemberData(nameof(KeyKinds))]
    public async Task A_written_state_is_read_back_with_its_etag(string keyKind)
    {
        var grainId = NewGrainId(keyKind);
        var written = new GrainState<ProbeState>(new ProbeState { Name = "first", Count = 1 });

        await Storage.WriteStateAsync(ProbeType, grainId, written);
        var read = await ReadAsync(grainId);

        Assert.NotNull(written.ETag);
        Assert.True(read.RecordExists);
        Assert.Equal(written.ETag, read.ETag);
        Assert.Equal(new ProbeState { Name = "first", Count = 1 }, read.State);
    }

    [Theory]
    [MemberData(nameof(KeyKinds))]
    public async Task A_write_with_a_stale_etag_is_refused_and_keeps_the_newer_state(string keyKind)
    {
        var grainId = NewGrainId(keyKind);
        await Storage.WriteStateAsync(ProbeType, grainId, new GrainState<ProbeState>(new ProbeState { Count = 1 }));
        var first = await ReadAsync(grainId);
        var second = await ReadAsync(grainId);

        first.State = new ProbeState { Name = "first writer", Count = 2 };
        await Storage.WriteStateAsync(ProbeType, grainId, first);
        second.State = new ProbeState { Name = "second writer", Count = 3 };

        await Assert.ThrowsAsync<InconsistentStateException>(
            () => Storage.WriteStateAsync(ProbeType, grainId, second));
        var stored = await ReadAsync(grainId);
        Assert.Equal(new ProbeState { Name = "first writer", Count = 2 }, stored.State);
        Assert.Equal(first.ETag, stored.ETag);
    }

    [Fact]
    public async Task A_first_write_over_a_state_someone_else_stored_is_refused()
    {
        var grainId = NewGrainId("integer");
        await Storage.WriteStateAsync(ProbeType, grainId, new GrainState<ProbeState>(new ProbeState { Count = 1 }));

        await Assert.ThrowsAsync<InconsistentStateException>(() => Storage.WriteStateAsync(
            ProbeType, grainId, new GrainState<ProbeState>(new ProbeState { Count = 99 })));
        Assert.Equal(1, (await ReadAsync(grainId)).State!.Count);
    }

    [Fact]
    public async Task Concurrent_first_writes_of_one_grain_let_exactly_one_win()
    {
        var grainId = NewGrainId("string");

        var attempts = await Task.WhenAll(Enumerable.Range(1, 8).Select(async writer =>
        {
            try
            {
                await Storage.WriteStateAsync(ProbeType, grainId,
                    new GrainState<ProbeState>(new ProbeState { Count = writer }));
                return true;
            }
            catch (InconsistentStateException)
            {
                return false;
            }
        }));

        Assert.Single(attempts, succeeded => succeeded);
        var stored = await ReadAsync(grainId);
        Assert.Equal(Array.IndexOf(attempts, true) + 1, stored.State!.Count);
    }

    [Fact]
    public async Task Clearing_needs_the_current_etag_and_leaves_no_record()
    {
        var grainId = NewGrainId("guid");
        var current = new GrainState<ProbeState>(new ProbeState { Count = 1 });
        await Storage.WriteStateAsync(ProbeType, grainId, current);
        var stale = await ReadAsync(grainId);
        current.State!.Count = 2;
        await Storage.WriteStateAsync(ProbeType, grainId, current);

        await Assert.ThrowsAsync<InconsistentStateException>(() => Storage.ClearStateAsync(ProbeType, grainId, stale));
        await Storage.ClearStateAsync(ProbeType, grainId, current);

        var afterClear = await ReadAsync(grainId);
        Assert.False(afterClear.RecordExists);
        Assert.Equal(0, afterClear.State!.Count);
        Assert.Equal(current.ETag, afterClear.ETag);
        await Assert.ThrowsAsync<InconsistentStateException>(() => Storage.WriteStateAsync(ProbeType, grainId, stale));
        afterClear.State!.Count = 3;
        await Storage.WriteStateAsync(ProbeType, grainId, afterClear);
        Assert.Equal(3, (await ReadAsync(grainId)).State!.Count);
    }

    [Fact]
    public async Task Grains_with_the_same_key_but_another_type_or_extension_have_separate_states()
    {
        var key = Random.Shared.NextInt64();
        var plain = GrainId.Create(GrainType.Create(ProbeType), GrainIdKeyExtensions.CreateIntegerKey(key));
        var extended = GrainId.Create(GrainType.Create(ProbeType), GrainIdKeyExtensions.CreateIntegerKey(key, "tenant-a"));
        var otherType = GrainId.Create(GrainType.Create(OtherType), GrainIdKeyExtensions.CreateIntegerKey(key));

        foreach (var (grainType, grainId) in new[] { (ProbeType, plain), (ProbeType, extended), (OtherType, otherType) })
        {
            await Storage.WriteStateAsync(grainType, grainId,
                new GrainState<ProbeState>(new ProbeState { Name = $"{grainType} {grainId}" }));
        }

        Assert.Equal($"{ProbeType} {plain}", (await ReadAsync(plain)).State!.Name);
        Assert.Equal($"{ProbeType} {extended}", (await ReadAsync(extended)).State!.Name);
        Assert.Equal($"{OtherType} {otherType}", (await ReadAsync(otherType, OtherType)).State!.Name);
    }

    [Fact]
    public async Task Stored_state_is_plain_json_without_type_names()
    {
        var key = Random.Shared.NextInt64();
        var grainId = GrainId.Create(GrainType.Create(ProbeType), GrainIdKeyExtensions.CreateIntegerKey(key));
        await Storage.WriteStateAsync(ProbeType, grainId,
            new GrainState<ProbeState>(new ProbeState { Name = "readable", Count = 5 }));

        var payload = await fixture.Sql.ScalarAsync<byte[]>(
            "SELECT payload FROM orleans_grain_state " +
            "WHERE service_id = @service AND grain_type = @type AND grain_id_n1 = @key AND grain_key_ext IS NULL",
            ("service", fixture.ServiceId),
            ("type", ProbeType),
            ("key", key));

        Assert.NotNull(payload);
        using var json = JsonDocument.Parse(payload);
        Assert.Equal("readable", json.RootElement.GetProperty("name").GetString());
        Assert.Equal(5, json.RootElement.GetProperty("count").GetInt32());
        var text = System.Text.Encoding.UTF8.GetString(payload);
        Assert.DoesNotContain("$type", text, StringComparison.Ordinal);
        Assert.DoesNotContain(nameof(ProbeState), text, StringComparison.Ordinal);
    }

    private async Task<GrainState<ProbeState>> ReadAsync(GrainId grainId, string grainType = ProbeType)
    {
        var state = new GrainState<ProbeState>();
        await Storage.ReadStateAsync(grainType, grainId, state);
        return state;
    }

    private static GrainId NewGrainId(string keyKind)
    {
        var type = GrainType.Create(ProbeType);
        var key = keyKind switch
        {
            "integer" => GrainIdKeyExtensions.CreateIntegerKey(Random.Shared.NextInt64()),
            "integer with extension" => GrainIdKeyExtensions.CreateIntegerKey(Random.Shared.NextInt64(), "tenant-a"),
            "guid" => GrainIdKeyExtensions.CreateGuidKey(Guid.NewGuid()),
            "string" => IdSpan.Create($"probe-{Guid.NewGuid():N}"),
            _ => throw new ArgumentOutOfRangeException(nameof(keyKind), keyKind, "Unknown key kind."),
        };
        return GrainId.Create(type, key);
    }

    public sealed record ProbeState
    {
        public string? Name { get; set; }

        public int Count { get; set; }
    }
}
