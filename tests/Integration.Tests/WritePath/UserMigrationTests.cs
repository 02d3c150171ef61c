using System.Collections.Immutable;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Orleans.Storage;
using Shop.Grains.Email;
using Shop.Grains.Interfaces.Auth;
using Shop.Grains.Interfaces.Errors;
using Shop.Grains.Interfaces.Users;
using Shop.Grains.Storage;
using Shop.Grains.Users.SignIn;
using SqlProbe = Shop.Integration.Tests.AdoNetContract.SqlProbe;
using Shop.Integration.Tests.Persistence;
using Shop.Silo.Schema;
using Shop.TestSupport;

namespace Shop.Integration.Tests.WritePath;

/// <summary>
/// Users written by older builds are served the same after the migrations since: a database from before users had
/// their own table (the user, its address's claim and its welcome marker as three grain state rows, refresh tokens of
/// the old format) through 0012 and 0013, and one from before credentials had their own row through 0013.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class UserMigrationTests(PostgresServer postgres)
{
    private const int UsersTableMigration = 12;
    private const int CredentialsMigration = 13;
    private const string Password = "correct horse battery";

    private static readonly JsonSerializerOptions SnakeCase = new(JsonSerializerDefaults.Web) { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    [Fact]
    public async Task Users_their_claims_sessions_and_welcome_markers_stored_as_grain_state_are_served_after_the_migrations()
    {
        var connectionString = await DatabaseBeforeAsync(UsersTableMigration);
        var clusterId = $"migrate-{Guid.NewGuid():N}";
        var email = $"Old.User-{Guid.NewGuid():N}@Example.com";
        var otherEmail = $"second-{Guid.NewGuid():N}@example.com";
        var createdAt = new DateTimeOffset(2026, 11, 1, 8, 30, 0, TimeSpan.Zero);
        var sentAt = createdAt.AddMinutes(1);
        const long UserId = 7_000_001;
        const long OtherId = 7_000_002;
        var legacyToken = $"{UserId}.{Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_')}";

        await using (var silo = await TestSilo.StartAsync(connectionString, clusterId, migrateSchema: false))
        {
            // The old layout, written by the ADO.NET provider itself as the user, e-mail claim and welcome grains wrote it.
            var storage = silo.Services.GetRequiredKeyedService<IGrainStorage>(ShopStorage.Name);
            var hash = silo.Services.GetRequiredService<IPasswordHasher<CredentialState>>().HashPassword(new CredentialState(), Password);
            var user = new LegacyUser
            {
                Email = email, Name = "Ada", PasswordHash = hash, CreatedAt = createdAt, UpdatedAt = createdAt.AddHours(1), Version = 3,
                Roles = ["operator"],
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
            var other = new LegacyUser { Email = otherEmail, PasswordHash = hash, CreatedAt = createdAt, UpdatedAt = createdAt, Version = 1 };
            await storage.WriteStateAsync("user", IntegerGrain("user", UserId), new GrainState<LegacyUser>(user));
            await storage.WriteStateAsync("user", IntegerGrain("user", OtherId), new GrainState<LegacyUser>(other));
            await storage.WriteStateAsync("email", GrainId.Create("email", EmailKeys.Of(email)),
                new GrainState<LegacyEmailClaim>(new() { OwnerId = UserId, Confirmed = true, ClaimedAt = createdAt }));
            await storage.WriteStateAsync("welcome-email", IntegerGrain("welcome-email", UserId),
                new GrainState<EmailJobState>(new() { SentAt = sentAt, MessageId = "<welcome@shop>" }));
        }

        // Started as Silo/Program.cs starts it: it applies 0012 and 0013.
        await using (var silo = await TestSilo.StartAsync(connectionString, clusterId))
        {
            var directory = silo.Grains.GetGrain<IUserDirectoryGrain>(0);
            var found = await directory.FindByEmailAsync(email.ToLowerInvariant());
            Assert.NotNull(found);
            Assert.Equal((UserId, email, "Ada", 3L, "operator"), (found.Id, found.Email, found.Name, found.Version, found.Roles.Single()));
            Assert.Equal(OtherId, (await directory.FindByEmailAsync(otherEmail))!.Id);

            // The session of the old token format still refreshes, once.
            var credentials = silo.Grains.GetGrain<IUserCredentialsGrain>(UserId);
            var refreshed = await credentials.RefreshAsync(legacyToken);
            Assert.NotNull(refreshed);
            Assert.Equal(found, refreshed.User);
            Assert.Null(await credentials.RefreshAsync(legacyToken));

            Assert.Equal(sentAt, await silo.Grains.GetGrain<IWelcomeEmailGrain>(UserId).GetSentAtAsync());
            Assert.Null(await silo.Grains.GetGrain<IWelcomeEmailGrain>(OtherId).GetSentAtAsync());

            var taken = await Assert.ThrowsAsync<DomainException>(() => directory.CreateUserAsync(
                new CreateUser { Email = email.ToUpperInvariant(), Password = Password }));
            Assert.Equal(DomainErrorCode.EmailTaken, taken.Code);
            Assert.Equal("Grace", (await silo.Grains.GetGrain<IUserGrain>(UserId).UpdateAsync(new UpdateUser { Name = "Grace", ExpectedVersion = 3 })).Name);
            Assert.Equal(SignInOutcome.Succeeded, (await directory.SignInAsync(email, Password, "10.0.0.1")).Outcome);
            Assert.Equal(SignInOutcome.Succeeded, (await directory.SignInAsync(otherEmail, Password, "10.0.0.1")).Outcome);
        }

        var probe = new SqlProbe(connectionString);
        Assert.Equal(0L, await probe.ScalarAsync<long>("SELECT count(*) FROM orleans_grain_state WHERE grain_type IN ('user', 'email', 'welcome-email')"));
        Assert.Equal(0L, await probe.ScalarAsync<long>("SELECT count(*) FROM users WHERE password_hash IS NOT NULL OR sign_in IS NOT NULL"));
    }

    [Fact]
    public async Task A_user_signed_up_before_credentials_had_their_own_row_keeps_its_password_sessions_and_lock()
    {
        var connectionString = await DatabaseBeforeAsync(CredentialsMigration);
        var clusterId = $"migrate-{Guid.NewGuid():N}";
        var email = $"signed-up-{Guid.NewGuid():N}@example.com";
        const long UserId = 7_000_101;
        var now = DateTimeOffset.UtcNow;
        var (sessions, token) = RefreshTokenLedger.Issue([], UserId, Guid.NewGuid(), 3, now, new SignInPolicyOptions());
        // Locked by failures from elsewhere: only the client it knows gets in.
        var signIn = new SignInState { RefreshTokens = sessions, KnownClients = [SignInLockout.Tag("10.0.0.1")], LockedUntil = now.AddHours(1) };
        var probe = new SqlProbe(connectionString);

        // The row as PostgresUserStore wrote it under migration 0012.
        await probe.ScalarAsync<object>(
            """
            INSERT INTO users (id, email, email_key, name, password_hash, roles, sign_in, version, revision, created_at, updated_at)
            VALUES (@id, @email, upper(@email), 'Ada', @hash, '{}', @sign_in::jsonb, 2, 9, now(), now())
            """,
            ("id", UserId),
            ("email", email),
            ("hash", new PasswordHasher<CredentialState>().HashPassword(new CredentialState(), Password)),
            ("sign_in", JsonSerializer.Serialize(signIn, SnakeCase)));

        await using var silo = await TestSilo.StartAsync(connectionString, clusterId);
        var directory = silo.Grains.GetGrain<IUserDirectoryGrain>(0);

        Assert.Equal(SignInOutcome.LockedOut, (await directory.SignInAsync(email, Password, "203.0.113.5")).Outcome);
        Assert.Equal(SignInOutcome.Succeeded, (await directory.SignInAsync(email, Password, "10.0.0.1")).Outcome);
        var refreshed = await silo.Grains.GetGrain<IUserCredentialsGrain>(UserId).RefreshAsync(token);
        Assert.NotNull(refreshed);
        Assert.Equal((UserId, 2L), (refreshed.User.Id, refreshed.User.Version));
        // The sign-ins and the refresh wrote the credentials' row only.
        Assert.Equal(9L, await probe.ScalarAsync<long>("SELECT revision FROM users WHERE id = @id", ("id", UserId)));
        Assert.Equal(3L, await probe.ScalarAsync<long>("SELECT revision FROM user_credentials WHERE user_id = @id", ("id", UserId)));
    }

    /// <returns>A new database with the schema a build before migration <paramref name="version"/> left.</returns>
    private async Task<string> DatabaseBeforeAsync(int version)
    {
        var connectionString = postgres.ConnectionStringFor(await postgres.CreateDatabaseAsync());
        var older = MigrationCatalog.Load().Where(migration => migration.Version < version).ToList();
        await new SchemaMigrator(connectionString, older, NullLogger<SchemaMigrator>.Instance).MigrateAsync(CancellationToken.None);
        return connectionString;
    }

    private static GrainId IntegerGrain(string type, long id) => GrainId.Create(GrainType.Create(type), GrainIdKeyExtensions.CreateIntegerKey(id));

    /// <summary>The user grain's state as it was stored before migration 0012 (snake_case JSON).</summary>
    private sealed record LegacyUser
    {
        public string Email { get; init; } = "";

        public string? Name { get; init; }

        public string PasswordHash { get; init; } = "";

        public DateTimeOffset CreatedAt { get; init; }

        public DateTimeOffset UpdatedAt { get; init; }

        public long Version { get; init; }

        public ImmutableArray<string> Roles { get; init; } = [];

        public SignInState SignIn { get; init; } = new();
    }

    /// <summary>The e-mail claim grain's state as it was stored (snake_case JSON).</summary>
    private sealed record LegacyEmailClaim
    {
        public long OwnerId { get; init; }

        public bool Confirmed { get; init; }

        public DateTimeOffset ClaimedAt { get; init; }
    }
}
