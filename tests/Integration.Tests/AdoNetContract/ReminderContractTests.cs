using Microsoft.Extensions.DependencyInjection;

namespace Shop.Integration.Tests.AdoNetContract;

/// <summary>Reminders go through Microsoft.Orleans.Reminders.AdoNet on our schema and come back intact.</summary>
[Collection(SiloOnPostgresCollection.Name)]
public sealed class ReminderContractTests(SiloOnPostgres fixture)
{
    private IReminderTable Table => fixture.Silo.Services.GetRequiredService<IReminderTable>();

    [Fact]
    public async Task A_reminder_registered_by_a_grain_is_stored_and_read_back()
    {
        var key = Random.Shared.NextInt64();
        var grain = fixture.Silo.Grains().GetGrain<ICounterGrain>(key);

        await grain.RemindEveryAsync("nightly", TimeSpan.FromHours(1));

        var grainId = grain.GetGrainId();
        var entry = await Table.ReadRow(grainId, "nightly");
        Assert.NotNull(entry);
        Assert.Equal(grainId, entry.GrainId);
        Assert.Equal(TimeSpan.FromHours(1), entry.Period);
        Assert.InRange(entry.StartAt, DateTime.UtcNow.AddMinutes(55), DateTime.UtcNow.AddMinutes(65));
        Assert.Contains((await Table.ReadRows(grainId)).Reminders, reminder => reminder.ReminderName == "nightly");
        var storedPeriod = await fixture.Sql.ScalarAsync<long>(
            "SELECT period_ms FROM orleans_reminder WHERE service_id = @service AND grain_id = @grain",
            ("service", fixture.ServiceId),
            ("grain", grainId.ToString()));
        Assert.Equal((long)TimeSpan.FromHours(1).TotalMilliseconds, storedPeriod);
    }

    [Fact]
    public async Task Updating_a_reminder_changes_its_etag_and_removal_needs_the_current_one()
    {
        var grainId = NewGrainId();
        var first = await Table.UpsertRow(Entry(grainId, "cleanup", TimeSpan.FromMinutes(5)));
        var second = await Table.UpsertRow(Entry(grainId, "cleanup", TimeSpan.FromMinutes(10)));

        Assert.NotNull(first);
        Assert.NotNull(second);
        Assert.NotEqual(first, second);
        Assert.Equal(TimeSpan.FromMinutes(10), (await Table.ReadRow(grainId, "cleanup"))!.Period);
        Assert.False(await Table.RemoveRow(grainId, "cleanup", first));
        Assert.True(await Table.RemoveRow(grainId, "cleanup", second));
        Assert.Null(await Table.ReadRow(grainId, "cleanup"));
    }

    [Fact]
    public async Task Ring_range_reads_find_each_reminder_exactly_in_the_ranges_that_contain_its_hash()
    {
        var grainIds = Enumerable.Range(0, 24).Select(_ => NewGrainId()).ToList();
        foreach (var grainId in grainIds)
        {
            await Table.UpsertRow(Entry(grainId, "ring", TimeSpan.FromMinutes(5)));
        }

        foreach (var grainId in grainIds)
        {
            var hash = grainId.GetUniformHashCode();

            // Ranges are (begin, end] on the unsigned ring and may wrap past zero or past the signed boundary.
            Assert.True(await ContainsAsync(unchecked(hash - 1), hash, grainId), $"(hash-1, hash] misses {hash}");
            Assert.True(await ContainsAsync(unchecked(hash + 0x80000000u), hash, grainId), $"half ring misses {hash}");
            Assert.True(await ContainsAsync(hash, hash, grainId), $"the whole ring misses {hash}");
            Assert.False(await ContainsAsync(hash, unchecked(hash - 1), grainId), $"(hash, hash-1] holds {hash}");
            Assert.False(await ContainsAsync(unchecked(hash + 1), unchecked(hash + 0x80000000u), grainId),
                $"the opposite half ring holds {hash}");
        }
    }

    private async Task<bool> ContainsAsync(uint begin, uint end, GrainId grainId) =>
        (await Table.ReadRows(begin, end)).Reminders.Any(reminder => reminder.GrainId == grainId);

    private static GrainId NewGrainId() =>
        GrainId.Create(GrainType.Create("reminder-probe"), GrainIdKeyExtensions.CreateGuidKey(Guid.NewGuid()));

    private static ReminderEntry Entry(GrainId grainId, string name, TimeSpan period) => new()
    {
        GrainId = grainId,
        ReminderName = name,
        StartAt = DateTime.UtcNow.AddMinutes(30),
        Period = period,
    };
}
