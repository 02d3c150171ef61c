namespace Shop.Grains.Interfaces.Auth;

public static class Roles
{
    /// <summary>May read any user or order, ship and deliver orders, and use the operator tools.</summary>
    public const string Operator = "operator";

    public static readonly IReadOnlySet<string> All = new HashSet<string>(StringComparer.Ordinal) { Operator };
}
