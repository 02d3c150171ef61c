using System.Data.Common;
using Shop.Grains.Interfaces.Errors;

namespace Shop.Grains.Storage;

/// <summary>Recognises a database failure anywhere in an exception's chain, wherever a grain met it.</summary>
public static class StorageFailures
{
    /// <summary>
    /// Whether <paramref name="exception"/> is a database failure (Orleans wraps storage errors in its own exceptions,
    /// so the whole chain is searched) that must reach callers as a bare <see cref="StorageUnavailableException"/>:
    /// no inner exception, because the driver's types have no Orleans codec and their text can hold host names, SQL
    /// and parameter values.
    /// </summary>
    public static bool IsStorageFailure(Exception exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            if (current is DbException or StorageUnavailableException)
            {
                return true;
            }
        }

        return false;
    }
}
