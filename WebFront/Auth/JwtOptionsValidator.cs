using Microsoft.Extensions.Options;

namespace Shop.WebFront.Auth;

/// <summary>Fails start-up when no usable signing key is configured where none may be generated.</summary>
public sealed class JwtOptionsValidator(IHostEnvironment environment) : IValidateOptions<JwtOptions>
{
    public const string BadKey =
        $"{JwtOptions.SigningKeySetting} must be base64 of at least 256 bits (32 bytes), e.g. the output of `openssl rand -base64 32`.";

    public const string MissingKey =
        $"{JwtOptions.SigningKeySetting} is not set. Outside Development the access-token signing key must come from configuration " +
        "(for example the environment variable Auth__Jwt__SigningKey): base64 of at least 256 bits, e.g. `openssl rand -base64 32`.";

    public ValidateOptionsResult Validate(string? name, JwtOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (string.IsNullOrWhiteSpace(options.SigningKey))
        {
            return environment.IsDevelopment() ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(MissingKey);
        }

        return JwtSigningKey.Decode(options.SigningKey) is null ? ValidateOptionsResult.Fail(BadKey) : ValidateOptionsResult.Success;
    }
}
