namespace Shop.Silo.Schema;

/// <summary>
/// The schema cannot be brought to the version this build needs: the database is unreachable, newer than the code,
/// or holds a migration that differs from ours. The message is meant for an operator and never contains a password.
/// </summary>
public sealed class SchemaMigrationException : Exception
{
    public SchemaMigrationException(string message)
        : base(message)
    {
    }

    public SchemaMigrationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
