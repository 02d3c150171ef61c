using System.Globalization;

namespace Shop.Silo.Storage;

/// <summary>
/// One table's statements timed by <see cref="StorageTimer"/> under a grain type, as operators knew the data when it was
/// grain state: a row is named <c>{grainType}/{id}</c> in the slow-operation warnings, the table is the state name.
/// </summary>
public sealed class TableTimer(StorageTimer timer, string grainType, string table)
{
    public Task<T> ReadAsync<T>(long id, Func<Task<T>> run) => ReadAsync(RowName(id), run);

    /// <param name="rows">What is read when it is not one row by its id (<c>user/42</c> for a user's orders).</param>
    public Task<T> ReadAsync<T>(string rows, Func<Task<T>> run) => timer.TimeAsync("read", grainType, rows, table, run);

    public Task<T> WriteAsync<T>(long id, Func<Task<T>> run) => timer.TimeAsync("write", grainType, RowName(id), table, run);

    public Task WriteAsync(long id, Func<Task> run) => timer.TimeAsync("write", grainType, RowName(id), table, run);

    public Task<T> ClearAsync<T>(long id, Func<Task<T>> run) => timer.TimeAsync("clear", grainType, RowName(id), table, run);

    private string RowName(long id) => string.Create(CultureInfo.InvariantCulture, $"{grainType}/{id}");
}
