-- The jobs stream provider runs with implicit subscriptions only (Silo/Hosting/SiloHostingExtensions.cs): Orleans no
-- longer keeps a pub-sub rendezvous record per stream, one per order and per user, that nothing ever deleted. The
-- records written before are dropped; no subscription lived in them but the pulling agents' own producer entries,
-- and services outside the silo read the order feed (0008) instead of subscribing to one order's stream.
DELETE FROM orleans_grain_state WHERE grain_type = 'PubSubRendezvousGrain';
