using System.Net;

namespace Shop.Operators.Tests.Fixtures;

internal static class ManagementPort
{
    /// <summary>
    /// GET <paramref name="path"/> as an operator on both ports: 200 on the management port, 404 on the public one.
    /// </summary>
    public static async Task AssertAnswersThereOnlyAsync(Uri management, Uri publicPort, string path)
    {
        using var http = new HttpClient();
        using var onManagement = await GetAsOperatorAsync(http, new Uri(management, path));
        using var onPublic = await GetAsOperatorAsync(http, new Uri(publicPort, path));

        Assert.Equal(HttpStatusCode.OK, onManagement.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, onPublic.StatusCode);
    }

    private static async Task<HttpResponseMessage> GetAsOperatorAsync(HttpClient http, Uri url)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Authorization = OperatorsSystem.OperatorCredentials;
        return await http.SendAsync(request);
    }
}
