using System.Text;
using Shop.WebFront.Http;
using Shop.WebFront.Http.Binding;
using Shop.WebFront.Http.Errors;

namespace Shop.WebFront.Tests;

public sealed class UrlEncodedFormTests
{
    private static Dictionary<string, Microsoft.Extensions.Primitives.StringValues> Parse(string body) =>
        UrlEncodedForm.Parse(Encoding.ASCII.GetBytes(body), maxFields: 10);

    [Fact]
    public void Fields_are_percent_and_plus_decoded_as_utf8()
    {
        var fields = Parse("name=Zo%C3%AB+Li&items%5B0%5D%5Bsku%5D=A&tag=1&tag=2&&=ignored&flag");

        Assert.Equal("Zoë Li", fields["name"]);
        Assert.Equal("A", fields["items[0][sku]"]);
        Assert.Equal("1,2", fields["tag"].ToString());
        Assert.Equal(string.Empty, fields["flag"]);
        Assert.Equal(4, fields.Count);
    }

    [Theory]
    [InlineData("name=%FF%FE", "name")]
    [InlineData("email=a%40b.co&name=%C3%28", "name")]
    [InlineData("n%FFame=x", "body")]
    public void Escapes_that_are_not_utf8_are_refused_naming_the_field(string body, string field)
    {
        var error = Assert.Throws<ApiErrorException>(() => Parse(body)).Error;
        Assert.Equal(400, error.Status);
        Assert.Equal(field, Assert.Single(error.Details).Field);
    }

    [Fact]
    public void More_fields_than_allowed_are_refused() =>
        Assert.Equal("body", Assert.Single(Assert.Throws<ApiErrorException>(() => Parse(string.Join('&', Enumerable.Range(0, 11).Select(i => $"f{i}=1")))).Error.Details).Field);
}
