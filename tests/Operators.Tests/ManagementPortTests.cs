using System.Net;
using Shop.Operators.Tests.Fixtures;

namespace Shop.Operators.Tests;

/// <summary>With <c>Management:Port</c> set, operator endpoints answer there and nowhere else.</summary>
[Collection(OperatorsCollection.Name)]
public sealed class ManagementPortTests(OperatorsSystem system)
{
    [Theory]
    [InlineData("/metrics")]
    [InlineData("/health/live")]
    [InlineData("/health/ready")]
    [InlineData("/dashboard/")]
    public async Task WebFront_serves_operator_endpoints_on_its_management_port_only(string path)
    {
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(system.WebFrontManagement, path));
        request.Headers.Authorization = OperatorsSystem.OperatorCredentials;
        using var publicRequest = new HttpRequestMessage(HttpMethod.Get, new Uri(system.WebFront.HttpBase, path));
        publicRequest.Headers.Authorization = OperatorsSystem.OperatorCredentials;

        using var management = await http.SendAsync(request);
        using var publicPort = await http.SendAsync(publicRequest);

        Assert.Equal(HttpStatusCode.OK, management.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, publicPort.StatusCode);
    }

    [Theory]
    [InlineData("/metrics")]
    [InlineData("/health/live")]
    [InlineData("/health/ready")]
    public async Task The_silo_serves_operator_endpoints_on_its_management_port_only(string path)
    {
        using var http = new HttpClient();

        using var management = await http.GetAsync(new Uri(system.SiloManagement, path));
        using var publicPort = await http.GetAsync(new Uri(system.Silo.HttpBase, path));

        Assert.Equal(HttpStatusCode.OK, management.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, publicPort.StatusCode);
    }

    [Fact]
    public async Task The_API_still_answers_on_the_public_port()
    {
        using var api = system.CreateApiClient();

        var id = await ShopApi.CreateUserAsync(api);

        Assert.True(id > 0);
    }
}
