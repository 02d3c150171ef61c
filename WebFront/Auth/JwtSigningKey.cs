using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace Shop.WebFront.Auth;

/// <summary>
/// The key that signs and checks access tokens: <c>Auth:Jwt:SigningKey</c> when configured; in Development
/// without one, a key generated on first use and kept in <c>Auth:Jwt:KeyFile</c> so tokens survive a restart.
/// </summary>
public sealed partial class JwtSigningKey
{
    public const int MinimumBytes = 32;

    private readonly Lazy<SymmetricSecurityKey> _key;

    public JwtSigningKey(IOptions<JwtOptions> options, IHostEnvironment environment, ILogger<JwtSigningKey> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(environment);
        var settings = options.Value;
        _key = new Lazy<SymmetricSecurityKey>(() => new SymmetricSecurityKey(
            settings.SigningKey is { Length: > 0 } configured
                ? Decode(configured) ?? throw new InvalidOperationException(JwtOptionsValidator.BadKey)
                : LoadOrCreate(Path.Combine(environment.ContentRootPath, settings.KeyFile), logger)));
    }

    public SymmetricSecurityKey Key => _key.Value;

    /// <returns>The key bytes, or null when the text is not base64 of at least 256 bits.</returns>
    public static byte[]? Decode(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var buffer = new byte[text.Length];
        return Convert.TryFromBase64String(text.Trim(), buffer, out var written) && written >= MinimumBytes
            ? buffer[..written]
            : null;
    }

    private static byte[] LoadOrCreate(string path, ILogger logger)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        try
        {
            // CreateNew: two hosts starting together must not both write; the loser reads the winner's key.
            using var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None);
            var key = System.Security.Cryptography.RandomNumberGenerator.GetBytes(MinimumBytes);
            using (var writer = new StreamWriter(file))
            {
                writer.Write(Convert.ToBase64String(key));
            }

            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }

            LogGeneratedKey(logger, path);
            return key;
        }
        catch (IOException) when (File.Exists(path))
        {
            return Decode(File.ReadAllText(path))
                ?? throw new InvalidOperationException($"The JWT signing key file '{path}' does not hold base64 of at least 256 bits; delete it to get a new one.");
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "No Auth:Jwt:SigningKey configured: generated a development signing key in {Path}")]
    private static partial void LogGeneratedKey(ILogger logger, string path);
}
