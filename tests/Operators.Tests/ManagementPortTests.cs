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
    public Task WebFront_serves_operator_endpoints_on_its_management_port_only(string path) =>
        ManagementPort.AssertAnswersThereOnlyAsync(system.WebFrontManagement, system.WebFront.HttpBase, path);

    [Theory]
    [InlineData("/metrics")]
    [InlineData("/health/live")]
    [InlineData("/health/ready")]
    public Task The_silo_serves_operator_endpoints_on_its_management_port_only(string path) =>
        ManagementPort.AssertAnswersThereOnlyAsync(system.SiloManagement, system.Silo.HttpBase, path);

    [Fact]
    public async Task A_silo_of_the_standalone_layout_leaves_the_API_to_WebFront()
    {
        using var http = new HttpClient { BaseAddress = system.Silo.HttpBase };

        using var response = await http.GetAsync("/api/users/me");

        Assert.Equal(System.Net.HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task The_API_still_answers_on_the_public_port()
    {
        using var api = system.CreateApiClient();

        var id = await ShopApi.CreateUserAsync(api);

        Assert.True(id > 0);
    }
}
