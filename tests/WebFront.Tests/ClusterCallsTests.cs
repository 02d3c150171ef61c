using Microsoft.Extensions.Options;
using Orleans.Runtime;
using Polly.Timeout;
using Shop.Grains.Interfaces.Errors;
using Shop.WebFront.Orleans;

namespace Shop.WebFront.Tests;

/// <summary>The retry policy for reads: transient cluster failures are retried, refusals and slowness are not.</summary>
public sealed class ClusterCallsTests
{
    private static ClusterCalls Calls(int retries = 2, TimeSpan? timeout = null) => new(
        grains: null!,
        Options.Create(new ClusterCallOptions
        {
            ReadRetries = retries,
            RetryDelay = TimeSpan.FromMilliseconds(1),
            ReadTimeout = timeout ?? TimeSpan.FromSeconds(10),
        }));

    [Fact]
    public async Task A_read_that_meets_a_missing_silo_is_retried_until_it_succeeds()
    {
        var attempts = 0;

        var result = await Calls().ReadAsync(
            _ => ++attempts < 3 ? Task.FromException<int>(new SiloUnavailableException()) : Task.FromResult(42),
            CancellationToken.None);

        Assert.Equal(42, result);
        Assert.Equal(3, attempts);
    }

    [Fact]
    public async Task A_read_gives_up_after_the_configured_retries()
    {
        var attempts = 0;

        await Assert.ThrowsAsync<TimeoutException>(() => Calls(retries: 2).ReadAsync<int>(
            _ =>
            {
                attempts++;
                throw new TimeoutException();
            },
            CancellationToken.None).AsTask());

        Assert.Equal(3, attempts);
    }

    [Fact]
    public async Task A_refusal_by_a_grain_is_not_retried()
    {
        var attempts = 0;

        await Assert.ThrowsAsync<DomainException>(() => Calls().ReadAsync<int>(
            _ =>
            {
                attempts++;
                throw DomainException.NotFound("User");
            },
            CancellationToken.None).AsTask());

        Assert.Equal(1, attempts);
    }

    [Fact]
    public async Task A_read_that_never_answers_is_cut_off_by_the_timeout()
    {
        var never = new TaskCompletionSource<int>();

        await Assert.ThrowsAsync<TimeoutRejectedException>(() =>
            Calls(timeout: TimeSpan.FromMilliseconds(200)).ReadAsync(_ => never.Task, CancellationToken.None).AsTask());
    }
}
