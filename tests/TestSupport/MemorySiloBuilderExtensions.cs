using Orleans.Streams;
using Shop.Grains;
using Shop.Grains.Interfaces.Events;
using Shop.Grains.Storage;

namespace Shop.TestSupport;

public static class MemorySiloBuilderExtensions
{
    /// <summary>
    /// The shop's grains on memory storage, reminders and streams, as the silo's embedded default runs them, for test
    /// clusters in this process. What a test needs besides (an <c>IEmailSender</c>, shorter timings) it adds itself.
    /// </summary>
    public static ISiloBuilder AddShopGrainsInMemory(this ISiloBuilder silo)
    {
        silo.AddMemoryGrainStorage(ShopStorage.Name);
        silo.UseInMemoryReminderService();
        silo.AddMemoryStreams(ShopStreams.Provider, streams => streams.ConfigureStreamPubSub(StreamPubSubType.ImplicitOnly));
        return silo.AddShopGrains();
    }
}
