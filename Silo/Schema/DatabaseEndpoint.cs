using Npgsql;

namespace Shop.Silo.Schema;

/// <summary>
/// The parts of a connection string that are safe to show an operator: host, port and database, never the password.
/// </summary>
internal sealed record DatabaseEndpoint(string Host, int Port, string Database)
{
    public static DatabaseEndpoint Parse(string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);

        NpgsqlConnectionStringBuilder builder;
        try
        {
            builder = new NpgsqlConnectionStringBuilder(connectionString);
        }
        catch (ArgumentException exception)
        {
            // The framework's message quotes the offending keyword only, but the string itself may hold a password.
            throw new SchemaMigrationException(
                $"The PostgreSQL connection string is not valid: {exception.Message}", exception);
        }

        // Npgsql connects to the database named after the user when none is given.
        var database = builder.Database ?? builder.Username ?? "(default)";
        return new DatabaseEndpoint(builder.Host ?? "(no host)", builder.Port, database);
    }
}
