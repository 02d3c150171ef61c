using System.Text;
using Shop.Silo.Email;

namespace Shop.Email.Tests;

/// <summary>The pickup folder's batched, durable file writing (<see cref="PickupFileWriter"/>).</summary>
public sealed class PickupFileWriterTests : IDisposable
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("shop-pickup-writer-");

    public void Dispose() => _directory.Delete(recursive: true);

    [Fact]
    public async Task Many_files_written_at_once_all_appear_whole_and_no_temporary_file_is_left()
    {
        await using var writer = new PickupFileWriter();
        var contents = Enumerable.Range(0, 300).Select(i => $"mail {i} " + new string('x', i * 7)).ToArray();

        await Task.WhenAll(contents.Select((text, i) => Task.Run(() =>
            writer.WriteAsync(Path.Combine(_directory.FullName, $"m-{i}.eml"), Encoding.UTF8.GetBytes(text)))));

        var files = _directory.GetFiles("*", SearchOption.TopDirectoryOnly);
        Assert.Equal(300, files.Length);
        Assert.All(files, file => Assert.Equal(contents[int.Parse(file.Name[2..^4], System.Globalization.CultureInfo.InvariantCulture)], File.ReadAllText(file.FullName)));
    }

    [Fact]
    public async Task A_file_that_cannot_be_written_fails_alone_and_the_others_of_its_batch_are_written()
    {
        await using var writer = new PickupFileWriter();
        var missing = Path.Combine(_directory.FullName, "no-such-folder", "lost.eml");

        var writes = Enumerable.Range(0, 20)
            .Select(i => writer.WriteAsync(i == 10 ? missing : Path.Combine(_directory.FullName, $"m-{i}.eml"), "body"u8.ToArray()))
            .ToArray();

        await Assert.ThrowsAnyAsync<IOException>(() => writes[10]);
        await Task.WhenAll(writes.Where((_, i) => i != 10));
        Assert.Equal(19, _directory.GetFiles().Length);
        Assert.False(File.Exists(missing));
    }

    [Fact]
    public async Task A_write_after_the_writer_is_disposed_fails_instead_of_waiting_for_ever()
    {
        var writer = new PickupFileWriter();
        await writer.DisposeAsync();

        await Assert.ThrowsAsync<ObjectDisposedException>(() => writer.WriteAsync(Path.Combine(_directory.FullName, "late.eml"), "body"u8.ToArray()));
    }
}
