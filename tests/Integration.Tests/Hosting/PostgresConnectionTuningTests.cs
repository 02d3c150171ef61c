using Npgsql;
using Shop.Silo.Hosting;

namespace Shop.Integration.Tests.Hosting;

public sealed class PostgresConnectionTuningTests
{
    [Fact]
    public void A_plain_connection_string_gets_no_reset_on_close_and_auto_prepare_and_keeps_everything_else()
    {
        var tuned = new NpgsqlConnectionStringBuilder(
            PostgresConnectionTuning.Apply("Host=db;Port=5433;Database=shop;Username=shop;Password=secret;Maximum Pool Size=20"));

        Assert.True(tuned.NoResetOnClose);
        Assert.True(tuned.MaxAutoPrepare > 0);
        Assert.Equal(("db", 5433, "shop", "shop", "secret", 20), (tuned.Host, tuned.Port, tuned.Database, tuned.Username, tuned.Password, tuned.MaxPoolSize));
    }

    [Theory]
    [InlineData("Host=db;No Reset On Close=false;Max Auto Prepare=0")]
    [InlineData("Host=db;NoResetOnClose=false;MaxAutoPrepare=0")]
    [InlineData("Host=db;no reset on close=False;max auto prepare=0")]
    public void Settings_the_operator_wrote_win_however_they_are_spelled(string connectionString)
    {
        var tuned = new NpgsqlConnectionStringBuilder(PostgresConnectionTuning.Apply(connectionString));

        Assert.False(tuned.NoResetOnClose);
        Assert.Equal(0, tuned.MaxAutoPrepare);
    }
}
