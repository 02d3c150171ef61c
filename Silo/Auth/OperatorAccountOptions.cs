namespace Shop.Silo.Auth;

/// <summary><c>Auth:Operator:*</c>: the operator account every silo makes sure exists at start-up.</summary>
public sealed class OperatorAccountOptions
{
    public const string Section = "Auth:Operator";

    public string? Email { get; set; }

    public string? Password { get; set; }

    public bool IsConfigured => !string.IsNullOrWhiteSpace(Email) && !string.IsNullOrEmpty(Password);
}
