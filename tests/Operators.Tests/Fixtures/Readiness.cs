using Shop.TestSupport;

namespace Shop.Operators.Tests.Fixtures;

internal static class Readiness
{
    /// <summary>Waits until <paramref name="url"/> answers 2xx, failing early (with the log) if the process dies.</summary>
    public static async Task WaitAsync(AppProcess app, Uri url, TimeSpan timeout)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(3) };
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (app.HasExited)
            {
                throw new InvalidOperationException($"{app.Name} exited:\n{app.Tail()}");
            }

            try
            {
                using var response = await http.GetAsync(url);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"{app.Name} did not answer {url} within {timeout}:\n{app.Tail()}");
    }
}
