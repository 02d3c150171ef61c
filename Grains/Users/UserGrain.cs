using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Logging;
using Shop.Grains.Interfaces.Errors;
using Shop.Grains.Interfaces.Orders;
using Shop.Grains.Interfaces.Users;
using Shop.Grains.Orders;
using Shop.Grains.Storage;
using Shop.Grains.Users.EmailClaims;

namespace Shop.Grains.Users;

/// <summary>
/// One user, held in memory while active (the read cache) and written to PostgreSQL before any change is answered.
/// The e-mail address is claimed before it is stored and released after it is given up, see <see cref="IEmailClaimGrain"/>.
/// </summary>
public sealed partial class UserGrain(
    [PersistentState("user", "store")] IPersistentState<UserState> state,
    IPasswordHasher<UserState> hasher,
    TimeProvider clock,
    ILogger<UserGrain> logger)
    : Grain, IUserGrain, IUserOrderLedgerGrain
{
    private const int MaxPageSize = 100;

    private UserState User => state.RecordExists ? state.State : throw DomainException.NotFound("User");

    async Task<UserView> IUserGrain.CreateAsync(CreateUser command)
    {
        if (state.RecordExists)
        {
            throw new DomainException(DomainErrorCode.Conflict, "A user with this id already exists.");
        }

        UserRules.Validate(command);
        var email = command.Email.Trim();
        var claim = ClaimFor(email);
        if (!await claim.TryClaimAsync(UserId))
        {
            throw EmailTaken();
        }

        var now = clock.GetUtcNow();
        var user = new UserState { Email = email, Name = command.Name, CreatedAt = now, UpdatedAt = now, Version = 1 };
        user = user with { PasswordHash = hasher.HashPassword(user, command.Password) };
        try
        {
            await state.CommitAsync(user, this);
        }
        catch
        {
            await claim.ReleaseAsync(UserId);
            throw;
        }

        await claim.ConfirmAsync(UserId);
        LogUserCreated(logger, UserId);
        return ToView(user);
    }

    Task<UserView?> IUserGrain.GetAsync() => Task.FromResult(state.RecordExists ? ToView(state.State) : null);

    async Task<UserView> IUserGrain.UpdateAsync(UpdateUser command)
    {
        var current = User;
        EnsureVersion(current, command.ExpectedVersion);
        UserRules.Validate(command);

        var next = current with { UpdatedAt = clock.GetUtcNow(), Version = current.Version + 1 };
        if (command.Name is not null)
        {
            next = next with { Name = command.Name };
        }

        if (command.Password is not null)
        {
            next = next with { PasswordHash = hasher.HashPassword(next, command.Password) };
        }

        var newEmail = command.Email?.Trim();
        var emailMoves = newEmail is not null && !EmailAddress.SameAddress(newEmail, current.Email);
        if (newEmail is not null)
        {
            next = next with { Email = newEmail };
        }

        if (!emailMoves)
        {
            await state.CommitAsync(next, this);
            return ToView(next);
        }

        var newClaim = ClaimFor(newEmail!);
        if (!await newClaim.TryClaimAsync(UserId))
        {
            throw EmailTaken();
        }

        try
        {
            await state.CommitAsync(next, this);
        }
        catch
        {
            await newClaim.ReleaseAsync(UserId);
            throw;
        }

        await newClaim.ConfirmAsync(UserId);
        await ClaimFor(current.Email).ReleaseAsync(UserId);
        return ToView(next);
    }

    async Task IUserGrain.DeleteAsync(long? expectedVersion)
    {
        var current = User;
        EnsureVersion(current, expectedVersion);
        var orders = await LoadOrdersAsync(current.OrderIds);
        if (orders.Any(order => OrderLifecycle.IsOpen(order.Status)))
        {
            throw new DomainException(
                DomainErrorCode.Conflict, "The user has open orders; cancel or complete them before deleting the user.");
        }

        await state.ClearStateAsync();
        await ClaimFor(current.Email).ReleaseAsync(UserId);
        LogUserDeleted(logger, UserId);
    }

    async Task<bool> IUserGrain.VerifyPasswordAsync(string password)
    {
        if (!state.RecordExists || string.IsNullOrEmpty(password))
        {
            return false;
        }

        var current = state.State;
        switch (hasher.VerifyHashedPassword(current, current.PasswordHash, password))
        {
            case PasswordVerificationResult.Success:
                return true;
            case PasswordVerificationResult.SuccessRehashNeeded:
                await state.CommitAsync(current with { PasswordHash = hasher.HashPassword(current, password) }, this);
                return true;
            default:
                return false;
        }
    }

    async Task<OrderPage> IUserGrain.ListOrdersAsync(int limit, long? cursor)
    {
        var ids = User.OrderIds;
        if (limit is < 1 or > MaxPageSize)
        {
            throw DomainException.Invalid([new FieldError("limit", $"must be between 1 and {MaxPageSize}")]);
        }

        if (cursor is { } c && (c < 0 || c > ids.Length))
        {
            throw DomainException.Invalid([new FieldError("cursor", "is not a cursor of this list")]);
        }

        // Positions count from the oldest order; a page walks backwards from the cursor, so it stays stable while
        // new orders are appended.
        var end = (int)(cursor ?? ids.Length);
        var start = Math.Max(0, end - limit);
        var pageIds = Enumerable.Range(start, end - start).Select(i => ids[i]).Reverse().ToArray();
        var orders = await LoadOrdersAsync(pageIds);
        return new OrderPage { Items = orders, NextCursor = start > 0 ? start : null };
    }

    async Task IUserOrderLedgerGrain.AttachOrderAsync(long orderId)
    {
        var current = User;
        if (!current.OrderIds.Contains(orderId))
        {
            await state.CommitAsync(current with { OrderIds = current.OrderIds.Add(orderId) }, this);
        }
    }

    private long UserId => this.GetPrimaryKeyLong();

    private IEmailClaimGrain ClaimFor(string email) => GrainFactory.GetGrain<IEmailClaimGrain>(EmailAddress.Normalize(email));

    private static DomainException EmailTaken() =>
        new(DomainErrorCode.EmailTaken, "The e-mail address is already in use.", [new FieldError("email", "is already in use")]);

    private static void EnsureVersion(UserState current, long? expected)
    {
        if (expected is { } version && version != current.Version)
        {
            throw DomainException.VersionMismatch(current.Version);
        }
    }

    /// <summary>Orders whose id was attached but whose grain never stored them (a crash mid-placement) are skipped.</summary>
    private async Task<OrderView[]> LoadOrdersAsync(IEnumerable<long> orderIds)
    {
        var views = await Task.WhenAll(orderIds.Select(id => GrainFactory.GetGrain<IOrderGrain>(id).GetAsync()));
        return views.OfType<OrderView>().ToArray();
    }

    private UserView ToView(UserState user) => new()
    {
        Id = UserId,
        Email = user.Email,
        Name = user.Name,
        CreatedAt = user.CreatedAt,
        UpdatedAt = user.UpdatedAt,
        Version = user.Version,
    };

    [LoggerMessage(Level = LogLevel.Information, Message = "User {UserId} created")]
    private static partial void LogUserCreated(ILogger logger, long userId);

    [LoggerMessage(Level = LogLevel.Information, Message = "User {UserId} deleted")]
    private static partial void LogUserDeleted(ILogger logger, long userId);
}
