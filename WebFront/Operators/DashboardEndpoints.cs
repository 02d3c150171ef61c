using Orleans.Dashboard;
using Shop.WebFront.Auth;

namespace Shop.WebFront.Operators;

public static class DashboardEndpoints
{
    public const string Path = "/dashboard";

    /// <summary>
    /// The Orleans dashboard (its page, assets and JSON API) for operators only: the operator policy answers 401 with
    /// <c>WWW-Authenticate: Basic</c>, so a browser asks for the operator's e-mail and password. Any other path under it
    /// is a 404 behind the same policy, so nothing under <c>/dashboard/</c> answers an anonymous caller.
    /// </summary>
    public static IEndpointRouteBuilder MapDashboard(this IEndpointRouteBuilder operators)
    {
        var dashboard = operators.MapOrleansDashboard(Path).RequireAuthorization(OperatorPolicy.Name);
        dashboard.Map("/{**rest}", () => TypedResults.NotFound());
        return operators;
    }
}
