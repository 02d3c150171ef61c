using Shop.Grains.Interfaces.Errors;

namespace Shop.Grains.Validation;

/// <summary>Collects every problem of a request so the caller learns all of them at once.</summary>
public sealed class FieldErrors
{
    private readonly List<FieldError> _errors = [];

    public void Add(string field, string message) => _errors.Add(new FieldError(field, message));

    public void ThrowIfAny()
    {
        if (_errors.Count > 0)
        {
            throw DomainException.Invalid(_errors.ToArray());
        }
    }

    public IReadOnlyList<FieldError> ToList() => _errors.ToArray();
}
