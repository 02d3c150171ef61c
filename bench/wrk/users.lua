-- Shared by the bench scripts: reads "id TAB access-token" lines (written by GrainClient sign-in), at most `limit`.
function load_users(path, limit)
  local users = {}
  for line in io.lines(path) do
    local id, token = line:match("^(%d+)\t(%S+)$")
    if id then
      users[#users + 1] = { id = id, auth = "Bearer " .. token }
      if #users >= limit then break end
    end
  end
  assert(#users > 0, "no users in " .. path)
  return users
end

-- Each wrk thread gets its own number, so the threads start at different users and make different keys.
local next_thread = 0
function setup(thread)
  thread:set("thread_number", next_thread)
  next_thread = next_thread + 1
end
