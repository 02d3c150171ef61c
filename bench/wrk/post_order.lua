-- POST /api/orders with a fresh Idempotency-Key per request, rotating over the first N users of a token file
-- (each user may only order for themselves).
--   wrk ... -s post_order.lua http://HOST/api/orders -- TOKENS_FILE N
dofile(os.getenv("BENCH_WRK_DIR") .. "/result.lua")
dofile(os.getenv("BENCH_WRK_DIR") .. "/users.lua")

local users, counter, key_prefix

function init(args)
  users = load_users(args[1], tonumber(args[2]))
  counter = (thread_number or 0) * 7919
  key_prefix = string.format("bench-%d-%d-%d-", os.time(), math.floor(os.clock() * 1e6), thread_number or 0)
end

function request()
  counter = counter + 1
  local user = users[counter % #users + 1]
  local body = '{"user_id":' .. user.id .. ',"currency":"EUR","items":['
    .. '{"sku":"SKU-7","quantity":2,"unit_price":19.99},'
    .. '{"sku":"SKU-3","quantity":1,"unit_price":5.5}]}'
  return wrk.format("POST", "/api/orders", {
    ["Content-Type"] = "application/json",
    ["Authorization"] = user.auth,
    ["Idempotency-Key"] = key_prefix .. counter,
  }, body)
end
