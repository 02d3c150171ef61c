using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Orleans.Storage;
using Shop.Grains.Email;
using Shop.Grains.Interfaces.Errors;
using Shop.Grains.Interfaces.Users;
using Shop.Grains.Storage;
using Shop.Grains.Users;
using Shop.Grains.Users.SignIn;
using Shop.Integration.Tests.Persistence;
using Shop.Silo.Schema;
using Shop.TestSupport;

namespace Shop.Integration.Tests.WritePath;

/// <summary>
/// A database written before users had their own table (the user, its address's claim and its welcome marker as three
/// grain state rows, refresh tokens of the old format) is served the same after migration 0012.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class UserMigrationTests(PostgresServer postgres)
{
    private const int UsersTableMigration = 12;
    private const string Password = "correct horse battery";

    [Fact]
    public async Task Users_their_claims_sessions_and_welcome_markers_stored_as_grain_state_are_served_after_the_migration()
    {
        var connectionString = postgres.ConnectionStringFor(await postgres.CreateDatabaseAsync());
        var clusterId = $"migrate-{Guid.NewGuid():N}";
        var email = $"Old.User-{Guid.NewGuid():N}@Example.com";
        var otherEmail = $"second-{Guid.NewGuid():N}@example.com";
        var createdAt = new DateTimeOffset(2026, 11, 1, 8, 30, 0, TimeSpan.Zero);
        var sentAt = createdAt.AddMinutes(1);
        const long UserId = 7_000_001;
        const long OtherId = 7_000_002;
        var legacyToken = $"{UserId}.{Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_')}";

        await using (var silo = await TestSilo.StartAsync(connectionString, clusterId))
        {
            // The old layout, written by the ADO.NET provider itself as the user, e-mail claim and welcome grains wrote it.
            var storage = silo.Services.GetRequiredKeyedService<IGrainStorage>(ShopStorage.Name);
            var hasher = silo.Services.GetRequiredService<IPasswordHasher<UserState>>();
            var user = new UserState
            {
                Email = email, Name = "Ada", CreatedAt = createdAt, UpdatedAt = createdAt.AddHours(1), Version = 3, Roles = ["operator"],
                SignIn = new SignInState
                {
                    RefreshTokens =
                    [
                        new RefreshTokenRecord
                        {
                            Hash = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(legacyToken))),
                            Family = Guid.NewGuid(),
                            ExpiresAt = DateTimeOffset.UtcNow.AddDays(1),
                        },
                    ],
                },
            };
            user = user with { PasswordHash = hasher.HashPassword(user, Password) };
            var other = new UserState { Email = otherEmail, CreatedAt = createdAt, UpdatedAt = createdAt, Version = 1 };
            other = other with { PasswordHash = hasher.HashPassword(other, Password) };
            await storage.WriteStateAsync("user", IntegerGrain("user", UserId), new GrainState<UserState>(user));
            await storage.WriteStateAsync("user", IntegerGrain("user", OtherId), new GrainState<UserState>(other));
            await storage.WriteStateAsync("email", GrainId.Create("email", EmailKeys.Of(email)),
                new GrainState<LegacyEmailClaim>(new() { OwnerId = UserId, Confirmed = true, ClaimedAt = createdAt }));
            await storage.WriteStateAsync("welcome-email", IntegerGrain("welcome-email", UserId),
                new GrainState<EmailJobState>(new() { SentAt = sentAt, MessageId = "<welcome@shop>" }));
        }

        await ExecuteAsync(connectionString, MigrationCatalog.Load().Single(m => m.Version == UsersTableMigration).Sql);

        await using (var silo = await TestSilo.StartAsync(connectionString, clusterId))
        {
            var directory = silo.Grains.GetGrain<IUserDirectoryGrain>(0);
            var found = await directory.FindByEmailAsync(email.ToLowerInvariant());
            Assert.NotNull(found);
            Assert.Equal((UserId, email, "Ada", 3L, "operator"), (found.Id, found.Email, found.Name, found.Version, found.Roles.Single()));
            Assert.Equal(OtherId, (await directory.FindByEmailAsync(otherEmail))!.Id);

            // The session of the old token format still refreshes, once.
            var grain = silo.Grains.GetGrain<IUserGrain>(UserId);
            var refreshed = await grain.RefreshAsync(legacyToken);
            Assert.NotNull(refreshed);
            Assert.Null(await grain.RefreshAsync(legacyToken));

            Assert.Equal(sentAt, await silo.Grains.GetGrain<IWelcomeEmailGrain>(UserId).GetSentAtAsync());
            Assert.Null(await silo.Grains.GetGrain<IWelcomeEmailGrain>(OtherId).GetSentAtAsync());

            var taken = await Assert.ThrowsAsync<DomainException>(() => directory.CreateUserAsync(
                new CreateUser { Email = email.ToUpperInvariant(), Password = Password }));
            Assert.Equal(DomainErrorCode.EmailTaken, taken.Code);
            Assert.Equal("Grace", (await grain.UpdateAsync(new UpdateUser { Name = "Grace", ExpectedVersion = 3 })).Name);
            Assert.Equal("Succeeded", SignInOutcomeOf(await directory.SignInAsync(email, Password, "10.0.0.1")));
        }

        Assert.Equal(0L, await ScalarAsync(connectionString, "SELECT count(*) FROM orleans_grain_state WHERE grain_type IN ('user', 'email', 'welcome-email')"));
    }

    private static string SignInOutcomeOf(Shop.Grains.Interfaces.Auth.SignInResult result) => result.Outcome.ToString();

    private static GrainId IntegerGrain(string type, long id) => GrainId.Create(GrainType.Create(type), GrainIdKeyExtensions.CreateIntegerKey(id));

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<object?> ScalarAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync();
    }

    /// <summary>The e-mail claim grain's state as it was stored (snake_case JSON).</summary>
    private sealed record LegacyEmailClaim
    {
        public long OwnerId { get; init; }

        public bool Confirmed { get; init; }

        public DateTimeOffset ClaimedAt { get; init; }
    }
}
