-- B1 load script for wrk (4.x). Used unchanged against Rebound and the peer.
--
--   wrk -t T -c C -d 25s --latency --timeout 30s -s events.lua URL -- MODE TAG API_KEY [BATCH]
--
--   MODE  single : one event per request   (body = one event object)
--         batch  : BATCH events per request (body = {"events": [...]}, default 1000)
--   TAG   a string unique to this run (the harness uses case name + epoch + pid) so that
--         every event id is unique across runs against the same database.
--
-- Ids: single -> TAG-<thread>-<n>; batch -> TAG-<thread>-<n>-<i> (i = 0..BATCH-1).
-- The batch body is built once per thread as a list of fragments split where the per-request
-- prefix goes; each request is table.concat(fragments, prefix): no per-event work in Lua.
-- Each visitor/cart gets 10 consecutive events (anonymous_id and cart_token change every 10).
--
-- At the end prints one machine-readable line:
--   RESULT requests=.. duration_us=.. non202=.. connect_err=.. read_err=.. write_err=.. timeout_err=.. p50_us=.. p90_us=.. p99_us=.. max_us=.. bytes=..

local threads = {}
local next_tid = 0

function setup(thread)
   thread:set("tid", next_tid)
   next_tid = next_tid + 1
   table.insert(threads, thread)
end

local mode, tag, key, batch
local n = 0
local fragments
local occurred
bad = 0
first_bad = nil

function init(args)
   mode = args[1] or "single"
   tag = args[2] or ("run" .. os.time())
   key = args[3] or "missing-key"
   batch = tonumber(args[4] or "1000")
   occurred = os.date("!%Y-%m-%dT%H:%M:%SZ")  -- now (server clock), never in the future
   wrk.method = "POST"
   wrk.headers["Authorization"] = "Bearer " .. key
   wrk.headers["Content-Type"] = "application/json"
   if mode == "batch" then
      local M = "\1"  -- marker for the per-request prefix
      local parts = {}
      for i = 0, batch - 1 do
         local g = math.floor(i / 10)
         local p = i % 50
         parts[#parts + 1] = string.format(
            '{"id":"%s-%d","type":"added_to_cart","anonymous_id":"%s-a%d","occurred_at":"%s",'
            .. '"properties":{"cart_token":"%s-c%d","product_id":"p%d","variant_id":"v%d","quantity":1,"price":1999,"currency":"EUR"}}',
            M, i, M, g, occurred, M, g, p, p)
      end
      local template = '{"events":[' .. table.concat(parts, ",") .. ']}'
      fragments = {}
      local start = 1
      while true do
         local s = string.find(template, M, start, true)
         if not s then break end
         fragments[#fragments + 1] = string.sub(template, start, s - 1)
         start = s + 1
      end
      fragments[#fragments + 1] = string.sub(template, start)
   end
end

function request()
   n = n + 1
   local body
   if mode == "batch" then
      body = table.concat(fragments, tag .. "-" .. tid .. "-" .. n)
   else
      local base = tag .. "-" .. tid
      local g = math.floor(n / 10)
      local p = n % 50
      body = '{"id":"' .. base .. '-' .. n .. '","type":"added_to_cart","anonymous_id":"' .. base .. '-a' .. g
         .. '","occurred_at":"' .. occurred .. '","properties":{"cart_token":"' .. base .. '-c' .. g
         .. '","product_id":"p' .. p .. '","variant_id":"v' .. p .. '","quantity":1,"price":1999,"currency":"EUR"}}'
   end
   return wrk.format(nil, nil, nil, body)
end

function response(status, headers, body)
   if status ~= 202 then
      bad = bad + 1
      if first_bad == nil then first_bad = status .. " " .. string.sub(body or "", 1, 300) end
   end
end

function done(summary, latency, requests)
   local nb = 0
   local sample = nil
   for _, t in ipairs(threads) do
      nb = nb + (t:get("bad") or 0)
      sample = sample or t:get("first_bad")
   end
   local e = summary.errors
   io.write(string.format(
      "RESULT requests=%d duration_us=%d non202=%d connect_err=%d read_err=%d write_err=%d timeout_err=%d p50_us=%d p90_us=%d p99_us=%d max_us=%d bytes=%d\n",
      summary.requests, summary.duration, nb, e.connect, e.read, e.write, e.timeout,
      latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max, summary.bytes))
   if sample then io.write("FIRST_NON202 " .. sample:gsub("\n", " ") .. "\n") end
end
