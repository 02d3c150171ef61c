namespace Shop.Grains.Interfaces.Users;

/// <summary>A partial change: a null member is left as it is.</summary>
[GenerateSerializer, Immutable, Alias("shop.update-user.v1")]
public sealed record UpdateUser
{
    [Id(0)] public string? Name { get; init; }

    [Id(1)] public string? Email { get; init; }

    [Id(2)] public string? Password { get; init; }

    /// <summary>When set, the change applies only if the user is still at this version.</summary>
    [Id(3)] public long? ExpectedVersion { get; init; }

    public override string ToString() =>
        $"UpdateUser {{ Name = {Name}, Email = {Email}, Password = {(Password is null ? "unchanged" : "***")}, ExpectedVersion = {ExpectedVersion} }}";
}
