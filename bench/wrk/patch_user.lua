-- PATCH /api/users/{id} (a name change) rotating over the first N users of a token file, each with its own token.
--   wrk ... -s patch_user.lua http://HOST -- TOKENS_FILE N
dofile(os.getenv("BENCH_WRK_DIR") .. "/result.lua")
dofile(os.getenv("BENCH_WRK_DIR") .. "/users.lua")

local users, counter

function init(args)
  users = load_users(args[1], tonumber(args[2]))
  counter = (thread_number or 0) * math.floor(#users / 2)
end

function request()
  counter = counter + 1
  local user = users[counter % #users + 1]
  return wrk.format("PATCH", "/api/users/" .. user.id, {
    ["Content-Type"] = "application/json",
    ["Authorization"] = user.auth,
  }, '{"name":"Bench ' .. counter .. '"}')
end
