using Shop.Grains.Interfaces.Errors;
using Shop.WebFront.Http;
using Shop.WebFront.Http.Errors;

namespace Shop.WebFront.Tests;

public sealed class ErrorMappingTests
{
    [Theory]
    [InlineData(DomainErrorCode.Validation, 400, "VALIDATION_ERROR")]
    [InlineData(DomainErrorCode.NotFound, 404, "NOT_FOUND")]
    [InlineData(DomainErrorCode.EmailTaken, 409, "EMAIL_TAKEN")]
    [InlineData(DomainErrorCode.InvalidTransition, 409, "INVALID_TRANSITION")]
    [InlineData(DomainErrorCode.Conflict, 409, "CONFLICT")]
    [InlineData(DomainErrorCode.PreconditionFailed, 412, "PRECONDITION_FAILED")]
    [InlineData(DomainErrorCode.IdempotencyKeyReused, 422, "IDEMPOTENCY_KEY_REUSED")]
    public void Each_domain_error_has_one_status_and_code(DomainErrorCode domain, int status, string code)
    {
        var details = new[] { new FieldError("email", "is already in use") };

        var error = ApiErrors.FromDomain(new DomainException(domain, "Refused.", details));

        Assert.Equal(status, error.Status);
        Assert.Equal(code, error.Code);
        Assert.Equal("Refused.", error.Message);
        Assert.Equal(details, error.Details);
    }

    [Fact]
    public void Every_domain_error_code_is_mapped_to_a_client_error()
    {
        foreach (var code in Enum.GetValues<DomainErrorCode>())
        {
            var error = ApiErrors.FromDomain(new DomainException(code, "x"));
            Assert.InRange(error.Status, 400, 499);
        }
    }

    [Fact]
    public void An_unknown_domain_error_code_becomes_a_500_that_says_nothing()
    {
        var error = ApiErrors.FromDomain(new DomainException((DomainErrorCode)99, "secret internals"));

        Assert.Equal(500, error.Status);
        Assert.Equal("INTERNAL_ERROR", error.Code);
        Assert.DoesNotContain("secret", error.Message, StringComparison.Ordinal);
    }
}
