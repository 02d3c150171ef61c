using System.Net;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Shop.WebFront.Auth;
using Shop.WebFront.Tests.Fixtures;
using Shop.WebFront.Tests.Support;

namespace Shop.WebFront.Tests.Auth;

[Collection(ApiCollection.Name)]
public sealed class SigningKeyTests(ApiFixture api) : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), $"shop-jwt-{Guid.NewGuid():N}");

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    [Fact]
    public void Access_tokens_live_15_minutes_by_default() =>
        Assert.Equal(TimeSpan.FromMinutes(15), new JwtOptions().AccessTokenLifetime);

    [Fact]
    public async Task Outside_development_a_missing_signing_key_fails_start_up_naming_the_setting()
    {
        await using var factory = api.CreateFactory(new Dictionary<string, string?> { ["Auth:Jwt:SigningKey"] = "" });

        var error = Record.Exception(() => factory.CreateClient());

        Assert.NotNull(error);
        Assert.Contains("Auth:Jwt:SigningKey is not set", Messages(error), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("not base64 at all!")]
    [InlineData("c2hvcnQga2V5")]
    public async Task A_signing_key_that_is_not_base64_of_256_bits_fails_start_up(string key)
    {
        await using var factory = api.CreateFactory(new Dictionary<string, string?> { ["Auth:Jwt:SigningKey"] = key });

        var error = Record.Exception(() => factory.CreateClient());

        Assert.NotNull(error);
        Assert.Contains("Auth:Jwt:SigningKey must be base64 of at least 256 bits", Messages(error), StringComparison.Ordinal);
    }

    [Fact]
    public void The_validator_accepts_a_missing_key_only_in_development()
    {
        var options = new JwtOptions { SigningKey = null };

        Assert.True(new JwtOptionsValidator(new FakeEnvironment(Environments.Development)).Validate(null, options).Succeeded);
        Assert.True(new JwtOptionsValidator(new FakeEnvironment(Environments.Production)).Validate(null, options).Failed);
        Assert.True(new JwtOptionsValidator(new FakeEnvironment(Environments.Production)).Validate(null, new JwtOptions { SigningKey = TestSigningKey.Base64 }).Succeeded);
    }

    [Fact]
    public async Task In_development_without_a_key_one_is_generated_once_kept_in_the_key_file_and_reused()
    {
        var keyFile = Path.Combine(_folder, "jwt-signing.key");
        var settings = new Dictionary<string, string?>
        {
            ["environment"] = Environments.Development,
            ["Auth:Jwt:SigningKey"] = "",
            ["Auth:Jwt:KeyFile"] = keyFile,
        };
        await using var first = api.CreateFactory(settings);
        using var firstClient = first.CreateClient();
        var user = await firstClient.SignUpAsync();

        var key = Convert.FromBase64String(await File.ReadAllTextAsync(keyFile));
        Assert.Equal(32, key.Length);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(keyFile));
        }

        // A restart reads the same key, so tokens issued before it still work.
        await using var second = api.CreateFactory(settings);
        using var secondClient = second.CreateClient().As(user.AccessToken);
        using var me = await secondClient.GetAsync("/api/users/me");
        Assert.Equal(HttpStatusCode.OK, me.StatusCode);
        Assert.Equal(key, Convert.FromBase64String(await File.ReadAllTextAsync(keyFile)));

        // A host with another key does not accept them.
        using var otherHost = api.CreateClient().As(user.AccessToken);
        using var refused = await otherHost.GetAsync("/api/users/me");
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
    }

    private static string Messages(Exception error)
    {
        var messages = new List<string>();
        for (Exception? e = error; e is not null; e = e.InnerException)
        {
            messages.Add(e.Message);
            if (e is AggregateException aggregate)
            {
                messages.AddRange(aggregate.InnerExceptions.Select(Messages));
            }

            if (e is OptionsValidationException validation)
            {
                messages.AddRange(validation.Failures);
            }
        }

        return string.Join(Environment.NewLine, messages);
    }

    private sealed class FakeEnvironment(string name) : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = name;

        public string ApplicationName { get; set; } = "WebFront";

        public string ContentRootPath { get; set; } = Path.GetTempPath();

        public Microsoft.Extensions.FileProviders.IFileProvider ContentRootFileProvider { get; set; } = null!;
    }
}
