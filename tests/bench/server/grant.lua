-- wrk script: client_credentials grants, each request for a random client
-- from the credentials file (one "Basic ..." header value per line).
local credentials = {}

function init(args)
    for line in io.lines(args[1]) do
        credentials[#credentials + 1] = line
    end
    math.randomseed(os.time() + #args[1] + math.floor(os.clock() * 1000000))
end

local body = "grant_type=client_credentials"

function request()
    local header = credentials[math.random(#credentials)]
    return wrk.format("POST", "/oauth/token", {
        ["Authorization"] = header,
        ["Content-Type"] = "application/x-www-form-urlencoded",
    }, body)
end
