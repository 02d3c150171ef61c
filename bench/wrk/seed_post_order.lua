-- The seed-node peer's own POST script (shared/peers/post_order.lua) plus the bench's result line.
--   wrk ... -s seed_post_order.lua http://127.0.0.1:3000/api/orders -- USER_ID
dofile(os.getenv("BENCH_PEERS_DIR") .. "/post_order.lua")
dofile(os.getenv("BENCH_WRK_DIR") .. "/result.lua")
