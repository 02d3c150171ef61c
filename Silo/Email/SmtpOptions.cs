namespace Shop.Silo.Email;

/// <summary><c>Email:Smtp:*</c>. Setting <see cref="Host"/> switches the silo from the pickup folder to SMTP.</summary>
public sealed class SmtpOptions
{
    public string? Host { get; set; }

    public int Port { get; set; } = 587;

    /// <summary>Leave empty for a relay that takes mail without signing in.</summary>
    public string? Username { get; set; }

    public string? Password { get; set; }

    /// <summary>True: TLS is required (TLS from the start on port 465, STARTTLS otherwise). False: plain text, for a local relay.</summary>
    public bool UseSsl { get; set; } = true;

    /// <summary>The sender of every message, also written into pickup files.</summary>
    public string From { get; set; } = "Shop <no-reply@shop.localhost>";

    // Options are printed by some diagnostics; the password never is.
    public override string ToString() => $"SmtpOptions {{ Host = {Host}, Port = {Port}, Username = {Username}, UseSsl = {UseSsl}, From = {From} }}";
}
