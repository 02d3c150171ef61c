-- GET /api/users/{id} of one user with its own token (the URL carries the id).
--   wrk ... -s get_user.lua http://HOST/api/users/ID -- TOKEN
dofile(os.getenv("BENCH_WRK_DIR") .. "/result.lua")

function init(args)
  wrk.headers["Authorization"] = "Bearer " .. args[1]
end
