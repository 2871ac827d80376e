-- The "search distinct" row: every request asks a two-word query no other request of the
-- run asks (so no answer can come from memory), made from WRK_SEARCH_WORDS (words of the
-- built articles, space-separated) and the request's number. WRK_MEASURE_LUA names
-- measure.lua, whose status counting and WRK_RESULT line this script reuses.
dofile(os.getenv("WRK_MEASURE_LUA"))

local measure_init = init
local search_words = {}
for word in string.gmatch(os.getenv("WRK_SEARCH_WORDS") or "", "%S+") do
  table.insert(search_words, word)
end

function init(args)
  measure_init(args)
  sent = 0
  thread_count = tonumber(os.getenv("WRK_THREADS"))
  base_path = wrk.path
end

function request()
  -- Request n of thread t is number t - 1 + n * threads of the run: (first word, round) is
  -- a different pair for every number below count^2, and so is (first, second word).
  local number = thread_number - 1 + sent * thread_count
  sent = sent + 1
  local count = #search_words
  local first = number % count
  local second = (math.floor(number / count) + first + 1) % count
  local path = base_path .. "?q=" .. search_words[first + 1] .. "+" .. search_words[second + 1]
  return wrk.format(nil, path)
end
