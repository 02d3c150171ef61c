namespace Shop.Silo.Email;

/// <summary><c>Email:*</c> as the silo's sender sees it (the jobs' own settings are <c>Shop.Grains.Email.EmailOptions</c>).</summary>
public sealed class EmailSenderOptions
{
    public const string Section = "Email";

    /// <summary>The folder that receives one <c>.eml</c> file per message when no SMTP host is set; default <c>mail/</c> under <c>Silo:DataDirectory</c>.</summary>
    public string? PickupDirectory { get; set; }

    public SmtpOptions Smtp { get; set; } = new();

    public bool UsesSmtp => !string.IsNullOrWhiteSpace(Smtp.Host);
}
