/// The OpenAPI 3.1 document of the API (SPEC §9–§10), served at `GET /openapi.json`.
/// Written by hand next to the routes: `OpenAPITests` fails when a route of `buildRouter` is
/// missing from it, when it documents a route the router lacks, or when a `$ref` dangles.
public enum OpenAPIDocument {
    /// The document as JSON text, served byte for byte.
    public static let json = #"""
    {
      "openapi": "3.1.0",
      "info": {
        "title": "costake API",
        "version": "1.0.0",
        "summary": "The co-staking marketplace of a compute network: devices, stakes, offers, blocks and rewards.",
        "description": "JSON over HTTP with snake_case fields.\n\n**Amounts** are JSON strings of decimal IO (1 IO = 10^8 base units), with up to 8 decimals and no sign, exponent or spaces: `\"2000\"`, `\"25.2\"`, `\"0.00000001\"`. Responses drop trailing zeros. An amount above the supply cap (800,000,000 IO) or in any other form is refused with `invalid_amount`.\n\n**Times** are RFC 3339 UTC strings (`2026-01-01T00:00:00Z`). Percentages of rewards are integer basis points (7400 = 74%). Absent values are written as `null`, never left out.\n\n**Errors** have the body `{\"status\": \"failed\", \"error\": {\"code\", \"message\"}}`; the message is one a person can act on. Statuses: 400 input that cannot be read (`malformed`, which includes a query parameter given twice or, under `/v1`, given empty; `invalid_amount`, `invalid_address`, `invalid_nonce`, `wrong_network`, `expired`, `expiry_too_far`, `invalid_device`, `unknown_model`); 401 `invalid_signature`, and `unauthorized` for an operator call without the operator token (with `WWW-Authenticate: Bearer`); 403 `forbidden` (the server has no operator token); 404 unknown things (`device_not_found`, `offer_not_found`, `position_not_found`, `slash_not_found`, `transaction_not_found`, and `not_found` for an unknown block or a path the server does not serve); 405 `method_not_allowed` for a path served with other methods, named in `Allow`; 409 a rule the request breaks (every other code); 413 `body_too_large` (bodies are limited to 1 MiB, telemetry batches to 16 MiB); 429 `rate_limited` with `Retry-After` (too many transactions from one signer or IP address, or faucet requests from one IP address). An unexpected server fault is a logged 500 `internal_error`; bad input never gives a 500."
      },
      "servers": [{ "url": "http://127.0.0.1:8080", "description": "costake serve with its defaults" }],
      "tags": [
        { "name": "public", "description": "Public reads (SPEC §10). The marketplace shows no owner address; device and stake data are otherwise public." },
        { "name": "history", "description": "Reward and reliability series, as JSON or CSV." },
        { "name": "transactions", "description": "Signed user transactions (SPEC §5, §9)." },
        { "name": "operator", "description": "The network's back office, authenticated by a bearer token. A call without the token, or with another, is 401 `unauthorized`; without `--operator-token` the server answers every operator call with 403 `forbidden`." },
        { "name": "demo", "description": "Only served by `costake serve --demo`." },
        { "name": "system", "description": "Health, metrics and this document." },
        { "name": "web", "description": "The web app (SPEC §11): server-rendered HTML pages for people, over the same data as the API, and their static CSS and JavaScript. A page reads the connected account from the `costake_account` cookie its wallet script sets, or from `?account=`. A refusal (an unknown or malformed id) is an HTML error page with the status of its code." }
      ],
      "paths": {
        "/healthz": {
          "get": {
            "tags": ["system"],
            "operationId": "health",
            "summary": "Liveness check",
            "responses": {
              "200": { "description": "The server is up.", "content": { "text/plain": { "schema": { "type": "string", "const": "ok" } } } }
            }
          }
        },
        "/openapi.json": {
          "get": {
            "tags": ["system"],
            "operationId": "openAPIDocument",
            "summary": "This OpenAPI 3.1 document",
            "responses": {
              "200": { "description": "The OpenAPI document.", "content": { "application/json": { "schema": { "type": "object" } } } }
            }
          }
        },
        "/metrics": {
          "get": {
            "tags": ["system"],
            "operationId": "metrics",
            "summary": "Prometheus metrics",
            "description": "The Prometheus text exposition format: HTTP requests, transactions by type and outcome, block close time and telemetry events.",
            "responses": {
              "200": { "description": "Metrics in the Prometheus text format (version 0.0.4).", "content": { "text/plain": { "schema": { "type": "string" } } } }
            }
          }
        },
        "/": {
          "get": {
            "tags": ["web"],
            "operationId": "webMarketplace",
            "summary": "Co-Staking Marketplace: filters (the query parameters of GET /v1/offers; a bad value is shown beside its field), sortable columns, paging",
            "parameters": [{ "name": "model", "in": "query", "schema": { "type": "string" } }, { "name": "device_id", "in": "query", "schema": { "type": "string" } }, { "name": "min_amount", "in": "query", "schema": { "type": "string" } }, { "name": "max_amount", "in": "query", "schema": { "type": "string" } }, { "name": "min_reliability", "in": "query", "schema": { "type": "string" } }, { "name": "min_reward_share_bps", "in": "query", "schema": { "type": "string" } }, { "name": "sort", "in": "query", "schema": { "type": "string" } }, { "name": "order", "in": "query", "schema": { "type": "string" } }, { "name": "cursor", "in": "query", "schema": { "type": "string" } }],
            "responses": {
              "200": { "$ref": "#/components/responses/Page" },
              "400": { "$ref": "#/components/responses/PageError" }
            }
          }
        },
        "/offers/{id}": {
          "get": {
            "tags": ["web"],
            "operationId": "webOffer",
            "summary": "Offer summary, the shareable link of an offer, with the Co-stake action",
            "parameters": [{ "name": "id", "in": "path", "required": true, "description": "The offer id.", "schema": { "type": "string", "format": "uuid" } }],
            "responses": {
              "200": { "$ref": "#/components/responses/Page" },
              "400": { "$ref": "#/components/responses/PageError" },
              "404": { "$ref": "#/components/responses/PageError" }
            }
          }
        },
        "/portfolio": {
          "get": {
            "tags": ["web"],
            "operationId": "webPortfolio",
            "summary": "My Co-Staking Devices: positions, countdowns, unstake and withdraw, rewards chart (`chart=daily|monthly`)",
            "parameters": [{ "name": "account", "in": "query", "description": "Show the page for this address instead of the connected wallet's.", "schema": { "type": "string" } }, { "name": "chart", "in": "query", "description": "Left blank, daily.", "schema": { "type": "string", "enum": ["daily", "monthly", ""] } }],
            "responses": {
              "200": { "$ref": "#/components/responses/Page" },
              "400": { "$ref": "#/components/responses/PageError" }
            }
          }
        },
        "/manage": {
          "get": {
            "tags": ["web"],
            "operationId": "webManage",
            "summary": "Manage Your Stake & Devices: the owner's devices with stake, unstake, overflow, offers (`stake=sufficient|insufficient`, `q`, `model`)",
            "parameters": [{ "name": "account", "in": "query", "description": "Show the page for this address instead of the connected wallet's.", "schema": { "type": "string" } }, { "name": "stake", "in": "query", "schema": { "type": "string" } }, { "name": "q", "in": "query", "schema": { "type": "string" } }, { "name": "model", "in": "query", "schema": { "type": "string" } }],
            "responses": {
              "200": { "$ref": "#/components/responses/Page" },
              "400": { "$ref": "#/components/responses/PageError" }
            }
          }
        },
        "/manage/devices/{id}/offer": {
          "get": {
            "tags": ["web"],
            "operationId": "webOfferWizard",
            "summary": "The create-offer wizard: contribution, reward share, summary (`step`, `amount`, `share`)",
            "parameters": [{ "name": "id", "in": "path", "required": true, "description": "The device id.", "schema": { "type": "string", "format": "uuid" } }, { "name": "step", "in": "query", "schema": { "type": "string" } }, { "name": "amount", "in": "query", "schema": { "type": "string" } }, { "name": "share", "in": "query", "schema": { "type": "string" } }],
            "responses": {
              "200": { "$ref": "#/components/responses/Page" },
              "400": { "$ref": "#/components/responses/PageError" },
              "404": { "$ref": "#/components/responses/PageError" }
            }
          }
        },
        "/devices/{id}": {
          "get": {
            "tags": ["web"],
            "operationId": "webDevice",
            "summary": "Device page: reliability with its history and formula, eligibility checklist, rewards, slashes, stake",
            "parameters": [{ "name": "id", "in": "path", "required": true, "description": "The device id.", "schema": { "type": "string", "format": "uuid" } }],
            "responses": {
              "200": { "$ref": "#/components/responses/Page" },
              "400": { "$ref": "#/components/responses/PageError" },
              "404": { "$ref": "#/components/responses/PageError" }
            }
          }
        },
        "/dashboard": {
          "get": {
            "tags": ["web"],
            "operationId": "webDashboard",
            "summary": "Staking dashboard: network totals, rewards and eligible devices per block, last blocks",
            "responses": {
              "200": { "$ref": "#/components/responses/Page" },
              "400": { "$ref": "#/components/responses/PageError" }
            }
          }
        },
        "/wallet": {
          "get": {
            "tags": ["web"],
            "operationId": "webWallet",
            "summary": "The wallet: connect an injected Solana wallet, or create, import and export a browser wallet; the demo faucet",
            "responses": {
              "200": { "$ref": "#/components/responses/Page" },
              "400": { "$ref": "#/components/responses/PageError" }
            }
          }
        },
        "/static/{file}": {
          "get": {
            "tags": ["web"],
            "operationId": "webStatic",
            "summary": "The web app's CSS and JavaScript (served by costake itself; nothing is loaded from elsewhere)",
            "parameters": [{ "name": "file", "in": "path", "required": true, "schema": { "type": "string" } }],
            "responses": {
              "200": { "description": "The file.", "content": { "text/css": { "schema": { "type": "string" } }, "text/javascript": { "schema": { "type": "string" } } } },
              "404": { "description": "`not_found`: no such file.", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Error" } } } }
            }
          }
        },
        "/v1/status": {
          "get": {
            "tags": ["public"],
            "operationId": "getStatus",
            "summary": "Network id, time, last block and token",
            "description": "The `network` here is the id every signed message must carry.",
            "responses": {
              "503": { "$ref": "#/components/responses/Unavailable" },
              "200": { "description": "The network's status.", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Status" } } } }
            }
          }
        },
        "/v1/models": {
          "get": {
            "tags": ["public"],
            "operationId": "listModels",
            "summary": "The model table",
            "description": "Every known device model with its multiplier, reward pool and stake requirement per processor: `requirement = 200 IO × max(1, multiplier) × processors`. A model with multiplier 0 earns nothing and cannot take offers.",
            "responses": {
              "503": { "$ref": "#/components/responses/Unavailable" },
              "200": { "description": "The models, sorted.", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Models" } } } }
            }
          }
        },
        "/v1/offers": {
          "get": {
            "tags": ["public"],
            "operationId": "listOffers",
            "summary": "The marketplace: offers with filters, sorting and cursor paging",
            "description": "Paging is stable under inserts: pass the `next_cursor` of one page as `cursor` to get the next, with the same filters and sort. `next_cursor` is `null` on the last page.",
            "parameters": [
              { "name": "model", "in": "query", "description": "Only devices of this model (exact name, as in `GET /v1/models`).", "schema": { "type": "string" } },
              { "name": "device_id", "in": "query", "description": "Only offers on this device.", "schema": { "type": "string", "format": "uuid" } },
              { "name": "min_amount", "in": "query", "description": "Only offers requesting at least this amount (decimal IO).", "schema": { "$ref": "#/components/schemas/Amount" } },
              { "name": "max_amount", "in": "query", "description": "Only offers requesting at most this amount (decimal IO).", "schema": { "$ref": "#/components/schemas/Amount" } },
              { "name": "min_reliability", "in": "query", "description": "Only devices whose reliability score is at least this (devices without a score are left out).", "schema": { "type": "integer", "minimum": 0, "maximum": 100 } },
              { "name": "min_reward_share_bps", "in": "query", "description": "Only offers giving the co-staker at least this share, in basis points.", "schema": { "type": "integer", "minimum": 0, "maximum": 10000 } },
              { "name": "status", "in": "query", "description": "Offer status.", "schema": { "type": "string", "enum": ["open", "active", "closed"], "default": "open" } },
              { "name": "sort", "in": "query", "description": "Sort key: `reward_share` (reward_share_bps), `reliability` (devices without a score last in descending order), `amount` (requested amount), `estimated_reward` (the device's rewards of the last 7 days × reward_share_bps, the basis of the estimate; for a device with under 7 days of history this order can differ from `estimated_reward_per_block`, which then uses the expected share), `created` (creation time).", "schema": { "type": "string", "enum": ["reward_share", "reliability", "amount", "estimated_reward", "created"], "default": "created" } },
              { "name": "order", "in": "query", "description": "Sort direction.", "schema": { "type": "string", "enum": ["asc", "desc"], "default": "desc" } },
              { "$ref": "#/components/parameters/Limit" },
              { "name": "cursor", "in": "query", "description": "The opaque `next_cursor` of the previous page.", "schema": { "type": "string", "maxLength": 200 } }
            ],
            "responses": {
              "503": { "$ref": "#/components/responses/Unavailable" },
              "200": { "description": "One page of offers.", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Offers" } } } },
              "400": { "description": "`malformed` (a number that is not a whole number, a `limit` not 1–200, a `status`, `sort` or `order` not one of its values, a `device_id` that is not a UUID, a cursor this server did not give out) or `invalid_amount` (`min_amount`, `max_amount`).", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Error" } } } }
            }
          }
        },
        "/v1/offers/{id}": {
          "get": {
            "tags": ["public"],
            "operationId": "getOffer",
            "summary": "One offer (the target of the shareable link /offers/{id})",
            "parameters": [{ "name": "id", "in": "path", "required": true, "description": "The offer id.", "schema": { "type": "string", "format": "uuid" } }],
            "responses": {
              "503": { "$ref": "#/components/responses/Unavailable" },
              "200": { "description": "The offer, in any status.", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Offer" } } } },
              "400": { "$ref": "#/components/responses/BadId" },
              "404": { "description": "`offer_not_found`: no offer has this id.", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Error" } } } }
            }
          }
        },
        "/v1/devices/{id}": {
          "get": {
            "tags": ["public"],
            "operationId": "getDevice",
            "summary": "A device: stake status, eligibility checklist, reliability, offer, positions, slashes",
            "parameters": [{ "$ref": "#/components/parameters/DeviceId" }],
            "responses": {
              "503": { "$ref": "#/components/responses/Unavailable" },
              "200": { "description": "The device.", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Device" } } } },
              "400": { "$ref": "#/components/responses/BadId" },
              "404": { "$ref": "#/components/responses/DeviceNotFound" }
            }
          }
        },
        "/v1/devices/{id}/rewards": {
          "get": {
            "tags": ["history"],
            "operationId": "getDeviceRewards",
            "summary": "A device's rewards per block and per day",
            "description": "The blocks whose end falls in [`from`, `to`), each with the owner's and the co-staker's share, and their sums per UTC day (a block belongs to the day of its last second). With `format=csv`: `height,block_end,device_id,owner_reward,co_staker_reward,total,eligible`, one line per block.",
            "parameters": [{ "$ref": "#/components/parameters/DeviceId" }, { "$ref": "#/components/parameters/From" }, { "$ref": "#/components/parameters/To" }, { "$ref": "#/components/parameters/Format" }],
            "responses": {
              "503": { "$ref": "#/components/responses/Unavailable" },
              "200": {
                "description": "The series.",
                "content": {
                  "application/json": { "schema": { "$ref": "#/components/schemas/DeviceRewards" } },
                  "text/csv": { "schema": { "type": "string" } }
                }
              },
              "400": { "$ref": "#/components/responses/BadSeriesQuery" },
              "404": { "$ref": "#/components/responses/DeviceNotFound" }
            }
          }
        },
        "/v1/devices/{id}/reliability": {
          "get": {
            "tags": ["history"],
            "operationId": "getDeviceReliability",
            "summary": "A device's reliability score and its history per block",
            "description": "The reliability score is an integer 0–100, or `null` with under 24 hours of telemetry. It is recomputed at each block close over the last 168 hours:\n\n`score = round(100 × (0.40·uptime + 0.25·pow + 0.15·stability + 0.20·compliance) × 0.5^s)`\n\n- uptime: the fraction of hours the device was up;\n- pow: the fraction of up hours with a valid proof of work (hired hours count as valid);\n- stability: 1 − min(1, disconnects / 24);\n- compliance: the fraction of blocks in which the device was sufficiently staked;\n- s: the slashes of this device in the last 90 days that were not overturned.\n\n`history` has the score stored at each block whose end falls in [`from`, `to`). With `format=csv`: `height,block_end,score` (an empty score when there was none).",
            "parameters": [{ "$ref": "#/components/parameters/DeviceId" }, { "$ref": "#/components/parameters/From" }, { "$ref": "#/components/parameters/To" }, { "$ref": "#/components/parameters/Format" }],
            "responses": {
              "503": { "$ref": "#/components/responses/Unavailable" },
              "200": {
                "description": "The current score, the formula and the series.",
                "content": {
                  "application/json": { "schema": { "$ref": "#/components/schemas/Reliability" } },
                  "text/csv": { "schema": { "type": "string" } }
                }
              },
              "400": { "$ref": "#/components/responses/BadSeriesQuery" },
              "404": { "$ref": "#/components/responses/DeviceNotFound" }
            }
          }
        },
        "/v1/accounts/{address}": {
          "get": {
            "tags": ["public"],
            "operationId": "getAccount",
            "summary": "An account's balances and claim slots",
            "description": "An address the server has never seen has every balance at \"0\" (not a 404).",
            "parameters": [{ "$ref": "#/components/parameters/AccountAddress" }],
            "responses": {
              "503": { "$ref": "#/components/responses/Unavailable" },
              "200": { "description": "The account.", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Account" } } } },
              "400": { "$ref": "#/components/responses/BadAddress" }
            }
          }
        },
        "/v1/accounts/{address}/positions": {
          "get": {
            "tags": ["public"],
            "operationId": "getAccountPositions",
            "summary": "Every position of an account, in every state",
            "parameters": [{ "$ref": "#/components/parameters/AccountAddress" }],
            "responses": {
              "503": { "$ref": "#/components/responses/Unavailable" },
              "200": { "description": "The positions.", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Positions" } } } },
              "400": { "$ref": "#/components/responses/BadAddress" }
            }
          }
        },
        "/v1/accounts/{address}/devices": {
          "get": {
            "tags": ["public"],
            "operationId": "getAccountDevices",
            "summary": "The devices registered to an account",
            "parameters": [{ "$ref": "#/components/parameters/AccountAddress" }],
            "responses": {
              "503": { "$ref": "#/components/responses/Unavailable" },
              "200": { "description": "The devices the account owns.", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Devices" } } } },
              "400": { "$ref": "#/components/responses/BadAddress" }
            }
          }
        },
        "/v1/accounts/{address}/rewards": {
          "get": {
            "tags": ["history"],
            "operationId": "getAccountRewards",
            "summary": "What an account earned per day, as owner and as co-staker",
            "description": "Sums per UTC day over the blocks whose end falls in [`from`, `to`). With `format=csv`: `day,owner_reward,co_staker_reward,total,blocks`.",
            "parameters": [{ "$ref": "#/components/parameters/AccountAddress" }, { "$ref": "#/components/parameters/From" }, { "$ref": "#/components/parameters/To" }, { "$ref": "#/components/parameters/Format" }],
            "responses": {
              "503": { "$ref": "#/components/responses/Unavailable" },
              "200": {
                "description": "The series.",
                "content": {
                  "application/json": { "schema": { "$ref": "#/components/schemas/AccountRewards" } },
                  "text/csv": { "schema": { "type": "string" } }
                }
              },
              "400": { "description": "`invalid_address` (not a base58 Ed25519 public key) or `malformed` (`from`/`to` not RFC 3339, or `from` after `to`).", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Error" } } } }
            }
          }
        },
        "/v1/blocks": {
          "get": {
            "tags": ["public"],
            "operationId": "listBlocks",
            "summary": "Closed blocks, newest first",
            "parameters": [
              { "$ref": "#/components/parameters/Limit" },
              { "name": "before", "in": "query", "description": "Only blocks with a height below this one (for paging back: the last height of the previous page).", "schema": { "type": "integer", "format": "int64" } }
            ],
            "responses": {
              "503": { "$ref": "#/components/responses/Unavailable" },
              "200": { "description": "The blocks.", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Blocks" } } } },
              "400": { "description": "`malformed`: `limit` is not a whole number from 1 to 200, or `before` is not a whole number.", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Error" } } } }
            }
          }
        },
        "/v1/blocks/{height}": {
          "get": {
            "tags": ["public"],
            "operationId": "getBlock",
            "summary": "One closed block",
            "parameters": [{ "name": "height", "in": "path", "required": true, "description": "The block height (0 is the first block after genesis).", "schema": { "type": "integer", "format": "int64" } }],
            "responses": {
              "503": { "$ref": "#/components/responses/Unavailable" },
              "200": { "description": "The block.", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Block" } } } },
              "400": { "description": "`malformed`: the height is not a whole number.", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Error" } } } },
              "404": { "description": "`not_found`: the block has not closed.", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Error" } } } }
            }
          }
        },
        "/v1/stats": {
          "get": {
            "tags": ["public"],
            "operationId": "getStats",
            "summary": "Network totals",
            "responses": {
              "503": { "$ref": "#/components/responses/Unavailable" },
              "200": { "description": "The totals.", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Stats" } } } }
            }
          }
        },
        "/v1/transactions": {
          "post": {
            "tags": ["transactions"],
            "operationId": "submitTransaction",
            "summary": "Submit a signed transaction",
            "description": "Every state change by a user is one transaction signed with the account's Ed25519 key.\n\nThe body is `{\"message\": M, \"signature\": S}` and nothing else:\n- `M` is a **string**: the UTF-8 JSON text of an object. The signature covers exactly its UTF-8 bytes (what a browser wallet's signMessage signs). The text is parsed strictly: duplicate keys, trailing data, lone surrogates, nesting deeper than 32 levels and any field not listed for the type are `malformed`.\n- `S` is the base58 text of the 64-byte Ed25519 signature by the key of `signer`.\n\n`M` has `network` (the id in `GET /v1/status`: a signature for one deployment is useless on another), `type`, `signer` (the address: base58 of the 32-byte public key), `nonce` (8–64 characters of `[A-Za-z0-9_-]`, unique per signer), `expires_at` (RFC 3339, after the network's now and at most 10 minutes ahead) and the type's parameters at top level (schema `TransactionMessage`):\n\n| type | parameters | result |\n|---|---|---|\n| `stake` | `device_id`, `amount` | `position_id` |\n| `create_offer` | `device_id`, `requested_amount`, `reward_share_bps` | `offer_id` |\n| `retract_offer` | `offer_id` | `offer_id` |\n| `co_stake` | `offer_id`, `requested_amount`, `reward_share_bps` (both must equal the offer's) | `position_id` |\n| `unstake` | `position_id`, `amount` (optional; owner only: an amount up to the device's overflow returns at once) | `position_id`, `state`, `returned` |\n| `withdraw` | `position_id` | `amount` |\n| `claim_rewards` | none | `amount` |\n| `appeal_slash` | `slash_id` | `slash_id`, `state` |\n\nExample message text: `{\"network\":\"costake-local\",\"type\":\"stake\",\"signer\":\"<address>\",\"nonce\":\"k3J9x_20260101\",\"expires_at\":\"2026-01-01T00:05:00Z\",\"device_id\":\"3f2b8c1e-0d4a-4e7b-9a51-2c6d8e9f0a1b\",\"amount\":\"2000\"}`.\n\n**Replays**: the same signed message sent again returns the first outcome (200, the same body byte for byte) and changes nothing. The same signer and nonce with a different message is `duplicate_nonce`. A refused message is not recorded, so it may be sent again once the cause is fixed.",
            "requestBody": {
              "required": true,
              "content": { "application/json": { "schema": { "$ref": "#/components/schemas/SignedTransaction" } } }
            },
            "responses": {
              "503": { "$ref": "#/components/responses/Unavailable" },
              "429": { "$ref": "#/components/responses/RateLimited" },
              "200": { "description": "Approved (or the replay of an approved message).", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/TransactionResult" } } } },
              "400": { "description": "The body or message cannot be read: `malformed` (not the body shape, invalid JSON, a missing or unknown field, an unknown type, an id that is not a UUID, a non-integer `reward_share_bps`), `invalid_amount`, `invalid_address` (signer), `invalid_nonce`, `wrong_network`, `expired`, `expiry_too_far`.", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Error" } } } },
              "401": { "description": "`invalid_signature`: the signature is not base58 of 64 bytes, or does not verify for `signer` over the exact message text.", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Error" } } } },
              "404": { "description": "`device_not_found`, `offer_not_found`, `position_not_found` or `slash_not_found`: the message names an unknown id.", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Error" } } } },
              "409": { "description": "A rule of SPEC §5 refuses the transaction; nothing changed. `not_device_owner`, `not_position_owner`, `own_device`, `duplicate_nonce`, `cooldown_in_progress`, `device_terminated`, `insufficient_balance`, `requested_amount_out_of_range`, `reward_share_out_of_range`, `device_not_eligible`, `offer_exists`, `owner_stake_too_low`, `offer_not_open`, `terms_mismatch`, `claim_cap_reached`, `position_not_active`, `retract_offer_first`, `device_hired`, `not_withdrawable` (the message says when it will be), `nothing_to_claim`, `appeal_closed`, `arithmetic_overflow`.", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Error" } } } },
              "413": { "$ref": "#/components/responses/BodyTooLarge" }
            }
          }
        },
        "/v1/transactions/{signature}": {
          "get": {
            "tags": ["transactions"],
            "operationId": "getTransaction",
            "summary": "An approved transaction by its signature",
            "parameters": [{ "name": "signature", "in": "path", "required": true, "description": "The base58 signature the transaction was submitted with.", "schema": { "type": "string" } }],
            "responses": {
              "503": { "$ref": "#/components/responses/Unavailable" },
              "200": { "description": "The approved transaction with its signed message text.", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/ApprovedTransaction" } } } },
              "404": { "description": "`transaction_not_found`: no approved transaction has this signature (refused transactions are not recorded).", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Error" } } } }
            }
          }
        },
        "/v1/faucet": {
          "post": {
            "tags": ["demo"],
            "operationId": "faucet",
            "summary": "Demo faucet: 10,000 IO once per account per hour",
            "description": "Only served when the server runs with `--demo`; otherwise this path answers 404 `not_found`. Credits 10,000 IO to the account's available balance, at most once per account per hour.",
            "requestBody": {
              "required": true,
              "content": { "application/json": { "schema": { "$ref": "#/components/schemas/FaucetRequest" } } }
            },
            "responses": {
              "503": { "$ref": "#/components/responses/Unavailable" },
              "429": { "$ref": "#/components/responses/RateLimited" },
              "200": { "description": "The credited account.", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Account" } } } },
              "400": { "description": "`malformed` (the body cannot be read) or `invalid_address`.", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Error" } } } },
              "404": { "description": "`not_found`: the server does not run with `--demo`, so there is no faucet.", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Error" } } } },
              "409": { "description": "`faucet_too_soon`: the account used the faucet less than an hour ago.", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Error" } } } },
              "413": { "$ref": "#/components/responses/BodyTooLarge" }
            }
          }
        },
        "/v1/operator/devices": {
          "post": {
            "tags": ["operator"],
            "operationId": "registerDevice",
            "summary": "Register a device",
            "security": [{ "operatorToken": [] }],
            "requestBody": {
              "required": true,
              "content": { "application/json": { "schema": { "$ref": "#/components/schemas/NewDevice" } } }
            },
            "responses": {
              "503": { "$ref": "#/components/responses/Unavailable" },
              "201": { "description": "The registered device.", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Device" } } } },
              "400": { "description": "`malformed` (the body cannot be read, `device_id` not a UUID, an unknown `status`), `invalid_address` (owner), `unknown_model` (see `GET /v1/models`), `invalid_device` (processors not 1–64, or a name not 1–100 characters).", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Error" } } } },
              "401": { "$ref": "#/components/responses/Unauthorized" },
              "403": { "$ref": "#/components/responses/Forbidden" },
              "409": { "description": "`device_exists`: a device with this `device_id` is already registered.", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Error" } } } },
              "413": { "$ref": "#/components/responses/BodyTooLarge" }
            }
          }
        },
        "/v1/operator/devices/{id}": {
          "patch": {
            "tags": ["operator"],
            "operationId": "updateDevice",
            "summary": "Change a device's status or hired flag",
            "description": "Terminating a device closes its open offer (reason `device_terminated`); stakes are not released. A terminated device stays terminated.",
            "security": [{ "operatorToken": [] }],
            "parameters": [{ "$ref": "#/components/parameters/DeviceId" }],
            "requestBody": {
              "required": true,
              "content": { "application/json": { "schema": { "$ref": "#/components/schemas/DevicePatch" } } }
            },
            "responses": {
              "503": { "$ref": "#/components/responses/Unavailable" },
              "200": { "description": "The device after the change.", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Device" } } } },
              "400": { "description": "`malformed`: the id is not a UUID, the body cannot be read, or an unknown `status`.", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Error" } } } },
              "401": { "$ref": "#/components/responses/Unauthorized" },
              "403": { "$ref": "#/components/responses/Forbidden" },
              "404": { "$ref": "#/components/responses/DeviceNotFound" },
              "409": { "description": "`device_terminated`: a terminated device's status cannot change.", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Error" } } } },
              "413": { "$ref": "#/components/responses/BodyTooLarge" }
            }
          }
        },
        "/v1/operator/telemetry": {
          "post": {
            "tags": ["operator"],
            "operationId": "postTelemetry",
            "summary": "Post a batch of telemetry events",
            "description": "Events are applied in time order per device. An event that cannot be read (a `device_id` that is not a UUID, an `at` that is not RFC 3339, a status other than up/down), for an unknown device, with a time after the network's now, or before the device's last report is rejected on its own, with its index in the batch and a reason; the rest are kept.",
            "security": [{ "operatorToken": [] }],
            "requestBody": {
              "required": true,
              "content": { "application/json": { "schema": { "$ref": "#/components/schemas/TelemetryBatch" } } }
            },
            "responses": {
              "503": { "$ref": "#/components/responses/Unavailable" },
              "200": { "description": "How many events were kept and which were rejected.", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/TelemetryResult" } } } },
              "400": { "$ref": "#/components/responses/BadBody" },
              "401": { "$ref": "#/components/responses/Unauthorized" },
              "403": { "$ref": "#/components/responses/Forbidden" },
              "413": { "$ref": "#/components/responses/BodyTooLarge" }
            }
          }
        },
        "/v1/operator/deposits": {
          "post": {
            "tags": ["operator"],
            "operationId": "postDeposit",
            "summary": "Credit an account (tokens entering the system)",
            "security": [{ "operatorToken": [] }],
            "requestBody": {
              "required": true,
              "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Deposit" } } }
            },
            "responses": {
              "503": { "$ref": "#/components/responses/Unavailable" },
              "200": { "description": "The credited account.", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Account" } } } },
              "400": { "description": "`malformed` (the body cannot be read), `invalid_address`, `invalid_amount` (including 0).", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Error" } } } },
              "401": { "$ref": "#/components/responses/Unauthorized" },
              "403": { "$ref": "#/components/responses/Forbidden" },
              "409": { "description": "`arithmetic_overflow`: the balance would not fit in 64 bits of base units.", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Error" } } } },
              "413": { "$ref": "#/components/responses/BodyTooLarge" }
            }
          }
        },
        "/v1/operator/slashes": {
          "post": {
            "tags": ["operator"],
            "operationId": "slashDevice",
            "summary": "Slash a device",
            "description": "Takes floor(amount × principal_bps / 10000) from every `active`, `waiting` and `cooling` position on the device and floor(unclaimed × rewards_bps / 10000) from their unclaimed rewards into an escrow, state `pending`, with a 30-day appeal window. Owner and co-staker are hit by the same fractions.",
            "security": [{ "operatorToken": [] }],
            "requestBody": {
              "required": true,
              "content": { "application/json": { "schema": { "$ref": "#/components/schemas/NewSlash" } } }
            },
            "responses": {
              "503": { "$ref": "#/components/responses/Unavailable" },
              "201": { "description": "The slash.", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Slash" } } } },
              "400": { "description": "`malformed`: the body cannot be read, `device_id` is not a UUID, a share is not 0–10000, or the reason is not 1–500 characters.", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Error" } } } },
              "401": { "$ref": "#/components/responses/Unauthorized" },
              "403": { "$ref": "#/components/responses/Forbidden" },
              "404": { "$ref": "#/components/responses/DeviceNotFound" },
              "413": { "$ref": "#/components/responses/BodyTooLarge" }
            }
          }
        },
        "/v1/operator/slashes/{id}/resolve": {
          "post": {
            "tags": ["operator"],
            "operationId": "resolveSlash",
            "summary": "Rule on a slash",
            "description": "`upheld` burns the escrow; `overturned` returns every part to the position it came from (to the staker's available balance if that position has since been withdrawn). Only a `pending` or `appealed` slash can be resolved.",
            "security": [{ "operatorToken": [] }],
            "parameters": [{ "name": "id", "in": "path", "required": true, "description": "The slash id.", "schema": { "type": "string", "format": "uuid" } }],
            "requestBody": {
              "required": true,
              "content": { "application/json": { "schema": { "$ref": "#/components/schemas/SlashResolution" } } }
            },
            "responses": {
              "503": { "$ref": "#/components/responses/Unavailable" },
              "200": { "description": "The resolved slash.", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Slash" } } } },
              "400": { "description": "`malformed`: the id is not a UUID, the body cannot be read, or the outcome is not upheld or overturned.", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Error" } } } },
              "401": { "$ref": "#/components/responses/Unauthorized" },
              "403": { "$ref": "#/components/responses/Forbidden" },
              "404": { "description": "`slash_not_found`: no slash has this id.", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Error" } } } },
              "409": { "description": "`slash_resolved`: the slash is already upheld, overturned or burned.", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Error" } } } },
              "413": { "$ref": "#/components/responses/BodyTooLarge" }
            }
          }
        },
        "/v1/operator/clock": {
          "post": {
            "tags": ["operator"],
            "operationId": "advanceClock",
            "summary": "Advance the manual clock (sandbox only)",
            "description": "Only on a server run with `--clock manual`. Moves the network's time forward and closes every block that becomes due.",
            "security": [{ "operatorToken": [] }],
            "requestBody": {
              "required": true,
              "content": { "application/json": { "schema": { "$ref": "#/components/schemas/ClockAdvance" } } }
            },
            "responses": {
              "503": { "$ref": "#/components/responses/Unavailable" },
              "200": { "description": "The new time and last closed block.", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Clock" } } } },
              "400": { "description": "`malformed`: the body cannot be read or `advance_seconds` is not 0–31622400.", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Error" } } } },
              "401": { "$ref": "#/components/responses/Unauthorized" },
              "403": { "$ref": "#/components/responses/Forbidden" },
              "409": { "description": "`clock_not_manual`: the server runs on the system clock.", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Error" } } } },
              "413": { "$ref": "#/components/responses/BodyTooLarge" }
            }
          }
        }
      },
      "components": {
        "securitySchemes": {
          "operatorToken": {
            "type": "http",
            "scheme": "bearer",
            "description": "`Authorization: Bearer <operator token>`, the token given to `costake serve --operator-token` (or `COSTAKE_OPERATOR_TOKEN`). A missing or wrong token, or a server without one, is 403 `forbidden`."
          }
        },
        "parameters": {
          "DeviceId": { "name": "id", "in": "path", "required": true, "description": "The device id.", "schema": { "type": "string", "format": "uuid" } },
          "AccountAddress": { "name": "address", "in": "path", "required": true, "description": "The account's address.", "schema": { "$ref": "#/components/schemas/Address" } },
          "Limit": { "name": "limit", "in": "query", "description": "Page size.", "schema": { "type": "integer", "minimum": 1, "maximum": 200, "default": 50 } },
          "From": { "name": "from", "in": "query", "description": "Start of the range (inclusive, by block end). Default: 30 days before `to`.", "schema": { "type": "string", "format": "date-time" } },
          "To": { "name": "to", "in": "query", "description": "End of the range (exclusive, by block end). Default: the network's now.", "schema": { "type": "string", "format": "date-time" } },
          "Format": { "name": "format", "in": "query", "description": "`csv` answers `text/csv` (an attachment); `json`, or none, answers JSON; anything else is 400 `malformed`.", "schema": { "type": "string", "enum": ["json", "csv"], "default": "json" } }
        },
        "responses": {
          "503": { "$ref": "#/components/responses/Unavailable" },
          "BadId": { "description": "`malformed`: the id is not a UUID.", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Error" } } } },
          "BadAddress": { "description": "`invalid_address`: not the base58 text of a 32-byte Ed25519 public key.", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Error" } } } },
          "BadSeriesQuery": { "description": "`malformed`: the id is not a UUID, `from`/`to` is not an RFC 3339 time, or `from` is after `to`.", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Error" } } } },
          "BadBody": { "description": "`malformed`: the body cannot be read as the documented JSON.", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Error" } } } },
          "DeviceNotFound": { "description": "`device_not_found`: no device has this id.", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Error" } } } },
          "Unauthorized": { "description": "`unauthorized`: no `Authorization: Bearer` header, or not the server's operator token; nothing was changed.", "headers": { "WWW-Authenticate": { "schema": { "type": "string" } } }, "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Error" } } } },
          "Forbidden": { "description": "`forbidden`: the server runs without an operator token, so its operator API is disabled.", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Error" } } } },
          "BodyTooLarge": { "description": "`body_too_large`: bodies are limited to 1 MiB.", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Error" } } } },
          "RateLimited": { "description": "`rate_limited`: too many requests from this signer or this client IP address (`costake serve --rate-per-address`, `--rate-per-ip`, `--faucet-rate-per-ip`); nothing was changed. Try again after `Retry-After` seconds.", "headers": { "Retry-After": { "schema": { "type": "integer" } } }, "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Error" } } } },
          "Page": { "description": "An HTML page (UTF-8).", "content": { "text/html": { "schema": { "type": "string" } } } },
          "PageError": { "description": "An HTML error page naming the code: 400 for a malformed id or query (a parameter given twice, a value out of range), 404 for an unknown id.", "content": { "text/html": { "schema": { "type": "string" } } } },
          "Unavailable": { "description": "`database_unavailable`: the database cannot be reached (for example while PostgreSQL restarts); nothing was changed, and the same request may be sent again after the `Retry-After` seconds.", "headers": { "Retry-After": { "schema": { "type": "integer" } } }, "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Error" } } } }
        },
        "schemas": {
          "Amount": {
            "type": "string",
            "pattern": "^[0-9]+(\\.[0-9]{1,8})?$",
            "description": "Decimal IO as a string, up to 8 decimals (1 IO = 10^8 base units), no sign, exponent or spaces, at most 800,000,000 IO. Responses drop trailing zeros.",
            "examples": ["2000", "25.2", "0.00000001"]
          },
          "Address": {
            "type": "string",
            "pattern": "^[1-9A-HJ-NP-Za-km-z]{32,44}$",
            "description": "An account: the base58 text of its 32-byte Ed25519 public key (the Solana convention)."
          },
          "Time": { "type": "string", "format": "date-time", "description": "RFC 3339 UTC." },
          "Uuid": { "type": "string", "format": "uuid", "description": "A lower-case UUID." },
          "Status": {
            "type": "object",
            "required": ["network", "now", "last_block", "next_block_at", "block_interval", "genesis", "token", "clock"],
            "properties": {
              "network": { "type": "string", "description": "The network id every signed message must carry." },
              "now": { "$ref": "#/components/schemas/Time" },
              "last_block": { "type": ["integer", "null"], "format": "int64", "description": "The height of the last closed block, or null before the first." },
              "next_block_at": { "$ref": "#/components/schemas/Time" },
              "block_interval": { "type": "integer", "format": "int64", "description": "Seconds per block." },
              "genesis": { "$ref": "#/components/schemas/Time" },
              "token": { "$ref": "#/components/schemas/Token" },
              "clock": { "type": "string", "enum": ["system", "manual"] }
            }
          },
          "Token": {
            "type": "object",
            "required": ["symbol", "decimals"],
            "properties": { "symbol": { "type": "string", "const": "IO" }, "decimals": { "type": "integer", "const": 8 } }
          },
          "Model": {
            "type": "object",
            "required": ["name", "multiplier", "pool", "requirement_per_processor", "earns"],
            "properties": {
              "name": { "type": "string", "examples": ["H100 80GB HBM3"] },
              "multiplier": { "type": "string", "description": "Decimal multiplier, e.g. \"10\", \"1.25\", \"0\".", "pattern": "^[0-9]+(\\.[0-9]{1,2})?$" },
              "pool": { "type": ["string", "null"], "enum": ["enterprise", "community", null], "description": "null for a model that earns nothing." },
              "requirement_per_processor": { "$ref": "#/components/schemas/Amount" },
              "earns": { "type": "boolean", "description": "Multiplier above 0." }
            }
          },
          "Models": {
            "type": "object",
            "required": ["models"],
            "properties": { "models": { "type": "array", "items": { "$ref": "#/components/schemas/Model" } } }
          },
          "Offer": {
            "type": "object",
            "description": "A co-staking offer. Estimates: per_block = floor(avg_device_reward_per_block_7d × reward_share_bps / 10000); per_week = per_block × blocks per week; apr_bps = floor(per_week × 52 × 10000 / requested_amount). With under 7 days of history the average is the device's current expected share of its pool: pool_emission × score / (Σ eligible score in its pool, plus its own score if not eligible).",
            "required": ["offer_id", "device_id", "model", "processors", "requirement", "requested_amount", "reward_share_bps", "status", "closed_reason", "reliability", "estimated_reward_per_block", "estimated_reward_per_week", "estimated_apr_bps", "slash_count", "created_at", "link"],
            "properties": {
              "offer_id": { "$ref": "#/components/schemas/Uuid" },
              "device_id": { "$ref": "#/components/schemas/Uuid" },
              "model": { "type": "string" },
              "processors": { "type": "integer", "minimum": 1, "maximum": 64 },
              "requirement": { "$ref": "#/components/schemas/Amount" },
              "requested_amount": { "$ref": "#/components/schemas/Amount" },
              "reward_share_bps": { "type": "integer", "minimum": 500, "maximum": 10000, "description": "The co-staker's share of the device's rewards." },
              "status": { "type": "string", "enum": ["open", "active", "closed"] },
              "closed_reason": { "type": ["string", "null"], "enum": ["retracted", "co_staker_left", "owner_unstaked", "device_terminated", null] },
              "reliability": { "type": ["integer", "null"], "minimum": 0, "maximum": 100, "description": "The device's reliability score; null with under 24 hours of telemetry." },
              "estimated_reward_per_block": { "$ref": "#/components/schemas/Amount" },
              "estimated_reward_per_week": { "$ref": "#/components/schemas/Amount" },
              "estimated_apr_bps": { "type": "integer", "format": "int64", "description": "Estimated APR in basis points." },
              "slash_count": { "type": "integer", "description": "Slashes of the device that were not overturned." },
              "created_at": { "$ref": "#/components/schemas/Time" },
              "link": { "type": "string", "description": "The shareable link, `/offers/{offer_id}`." }
            }
          },
          "Offers": {
            "type": "object",
            "required": ["offers", "next_cursor"],
            "properties": {
              "offers": { "type": "array", "items": { "$ref": "#/components/schemas/Offer" } },
              "next_cursor": { "type": ["string", "null"], "description": "Pass as `cursor` for the next page; null on the last page." }
            }
          },
          "Position": {
            "type": "object",
            "description": "One account's stake on one device. A co-staker's unstake is `waiting` 7 days, then `cooling` 14 days, then `withdrawable`; an owner's full unstake is `cooling` 14 days.",
            "required": ["position_id", "device_id", "staker", "role", "amount", "state", "created_at", "waiting_ends_at", "cooling_ends_at", "unclaimed_rewards", "lifetime_rewards"],
            "properties": {
              "position_id": { "$ref": "#/components/schemas/Uuid" },
              "device_id": { "$ref": "#/components/schemas/Uuid" },
              "staker": { "$ref": "#/components/schemas/Address" },
              "role": { "type": "string", "enum": ["owner", "co_staker"] },
              "amount": { "$ref": "#/components/schemas/Amount" },
              "state": { "type": "string", "enum": ["active", "waiting", "cooling", "withdrawable", "withdrawn"] },
              "created_at": { "$ref": "#/components/schemas/Time" },
              "waiting_ends_at": { "type": ["string", "null"], "format": "date-time" },
              "cooling_ends_at": { "type": ["string", "null"], "format": "date-time" },
              "unclaimed_rewards": { "$ref": "#/components/schemas/Amount" },
              "lifetime_rewards": { "$ref": "#/components/schemas/Amount" }
            }
          },
          "Positions": {
            "type": "object",
            "required": ["positions"],
            "properties": { "positions": { "type": "array", "items": { "$ref": "#/components/schemas/Position" } } }
          },
          "Account": {
            "type": "object",
            "required": ["address", "available", "staked", "waiting", "cooling", "withdrawable", "unclaimed_rewards", "lifetime_rewards", "claim_slots_used", "claim_slots"],
            "properties": {
              "address": { "$ref": "#/components/schemas/Address" },
              "available": { "$ref": "#/components/schemas/Amount" },
              "staked": { "$ref": "#/components/schemas/Amount", "description": "In `active` positions." },
              "waiting": { "$ref": "#/components/schemas/Amount" },
              "cooling": { "$ref": "#/components/schemas/Amount" },
              "withdrawable": { "$ref": "#/components/schemas/Amount" },
              "unclaimed_rewards": { "$ref": "#/components/schemas/Amount" },
              "lifetime_rewards": { "$ref": "#/components/schemas/Amount" },
              "claim_slots_used": { "type": "integer", "description": "Co-staker positions in `active` or `waiting`." },
              "claim_slots": { "type": "integer", "description": "The claim cap (2): open slots are claim_slots − claim_slots_used." }
            }
          },
          "EligibilityCheck": {
            "type": "object",
            "description": "One check of SPEC §6 for the block in progress, as of now.",
            "required": ["check", "passed"],
            "properties": {
              "check": { "type": "string", "enum": ["status_up", "model_earns", "up_5_hours", "pow_or_hired", "sufficient_stake"] },
              "passed": { "type": "boolean" }
            }
          },
          "Slash": {
            "type": "object",
            "required": ["slash_id", "device_id", "principal_bps", "rewards_bps", "reason", "state", "amounts", "created_at", "appeal_deadline", "resolved_at"],
            "properties": {
              "slash_id": { "$ref": "#/components/schemas/Uuid" },
              "device_id": { "$ref": "#/components/schemas/Uuid" },
              "principal_bps": { "type": "integer", "minimum": 0, "maximum": 10000 },
              "rewards_bps": { "type": "integer", "minimum": 0, "maximum": 10000 },
              "reason": { "type": "string" },
              "state": { "type": "string", "enum": ["pending", "appealed", "upheld", "overturned", "burned"] },
              "amounts": {
                "type": "object",
                "description": "What was taken into escrow from every active, waiting and cooling position on the device.",
                "required": ["principal", "rewards", "total"],
                "additionalProperties": false,
                "properties": {
                  "principal": { "$ref": "#/components/schemas/Amount", "description": "Σ floor(amount × principal_bps / 10000)." },
                  "rewards": { "$ref": "#/components/schemas/Amount", "description": "Σ floor(unclaimed × rewards_bps / 10000)." },
                  "total": { "$ref": "#/components/schemas/Amount", "description": "principal + rewards: the escrow." }
                }
              },
              "created_at": { "$ref": "#/components/schemas/Time" },
              "appeal_deadline": { "$ref": "#/components/schemas/Time" },
              "resolved_at": { "type": ["string", "null"], "format": "date-time" }
            }
          },
          "Device": {
            "type": "object",
            "required": ["device_id", "name", "owner", "model", "processors", "status", "hired", "requirement", "counted_stake", "sufficient", "overflow", "reliability", "offer", "positions", "slashes", "eligibility"],
            "properties": {
              "device_id": { "$ref": "#/components/schemas/Uuid" },
              "name": { "type": "string" },
              "owner": { "$ref": "#/components/schemas/Address" },
              "model": { "type": "string" },
              "processors": { "type": "integer", "minimum": 1, "maximum": 64 },
              "status": { "$ref": "#/components/schemas/DeviceStatus" },
              "hired": { "type": "boolean" },
              "requirement": { "$ref": "#/components/schemas/Amount", "description": "200 IO × max(1, multiplier) × processors." },
              "counted_stake": { "$ref": "#/components/schemas/Amount", "description": "Owner active + co-staker active + co-staker waiting." },
              "sufficient": { "type": "boolean", "description": "counted_stake ≥ requirement." },
              "overflow": { "$ref": "#/components/schemas/Amount", "description": "max(0, min(owner active, owner active + co-staker active − requirement))." },
              "reliability": { "type": ["integer", "null"], "minimum": 0, "maximum": 100 },
              "offer": { "oneOf": [{ "$ref": "#/components/schemas/Offer" }, { "type": "null" }], "description": "The open or active offer, if any." },
              "positions": { "type": "array", "items": { "$ref": "#/components/schemas/Position" } },
              "slashes": { "type": "array", "items": { "$ref": "#/components/schemas/Slash" } },
              "eligibility": { "type": "array", "items": { "$ref": "#/components/schemas/EligibilityCheck" } }
            }
          },
          "DeviceStatus": { "type": "string", "enum": ["up", "down", "paused", "blocked", "terminated", "unsupported"] },
          "Devices": {
            "type": "object",
            "required": ["devices"],
            "properties": { "devices": { "type": "array", "items": { "$ref": "#/components/schemas/Device" } } }
          },
          "Block": {
            "type": "object",
            "description": "A closed block: height h covers [genesis + h·interval, genesis + (h+1)·interval). Σ paid + carried = Σ emitted.",
            "required": ["height", "start", "end", "emission", "paid", "paid_enterprise", "paid_community", "carry", "eligible_devices"],
            "properties": {
              "height": { "type": "integer", "format": "int64" },
              "start": { "$ref": "#/components/schemas/Time" },
              "end": { "$ref": "#/components/schemas/Time" },
              "emission": { "$ref": "#/components/schemas/Amount" },
              "paid": { "$ref": "#/components/schemas/Amount" },
              "paid_enterprise": { "$ref": "#/components/schemas/Amount" },
              "paid_community": { "$ref": "#/components/schemas/Amount" },
              "carry": { "$ref": "#/components/schemas/Amount", "description": "Carried into the next block's pools (rounding dust and pools with no eligible device)." },
              "eligible_devices": { "type": "integer" }
            }
          },
          "Blocks": {
            "type": "object",
            "required": ["blocks"],
            "properties": { "blocks": { "type": "array", "items": { "$ref": "#/components/schemas/Block" } } }
          },
          "Stats": {
            "type": "object",
            "required": ["net_staked", "staked_in_cooling", "withdrawable", "devices", "devices_with_full_stake", "open_offers", "active_co_stakes", "co_staked"],
            "properties": {
              "net_staked": { "$ref": "#/components/schemas/Amount", "description": "Owner active + co-staker active + co-staker waiting, over all devices." },
              "staked_in_cooling": { "$ref": "#/components/schemas/Amount" },
              "withdrawable": { "$ref": "#/components/schemas/Amount" },
              "devices": { "type": "integer" },
              "devices_with_full_stake": { "type": "integer" },
              "open_offers": { "type": "integer" },
              "active_co_stakes": { "type": "integer" },
              "co_staked": { "$ref": "#/components/schemas/Amount", "description": "In active co-staker positions." }
            }
          },
          "BlockReward": {
            "type": "object",
            "required": ["height", "end", "owner_reward", "co_staker_reward", "total", "eligible"],
            "properties": {
              "height": { "type": "integer", "format": "int64" },
              "end": { "$ref": "#/components/schemas/Time" },
              "owner_reward": { "$ref": "#/components/schemas/Amount" },
              "co_staker_reward": { "$ref": "#/components/schemas/Amount" },
              "total": { "$ref": "#/components/schemas/Amount" },
              "eligible": { "type": "boolean" }
            }
          },
          "DayReward": {
            "type": "object",
            "required": ["day", "owner_reward", "co_staker_reward", "total", "blocks"],
            "properties": {
              "day": { "type": "string", "format": "date", "description": "The UTC day, YYYY-MM-DD." },
              "owner_reward": { "$ref": "#/components/schemas/Amount" },
              "co_staker_reward": { "$ref": "#/components/schemas/Amount" },
              "total": { "$ref": "#/components/schemas/Amount" },
              "blocks": { "type": "integer" }
            }
          },
          "DeviceRewards": {
            "type": "object",
            "required": ["device_id", "blocks", "days"],
            "properties": {
              "device_id": { "$ref": "#/components/schemas/Uuid" },
              "blocks": { "type": "array", "items": { "$ref": "#/components/schemas/BlockReward" } },
              "days": { "type": "array", "items": { "$ref": "#/components/schemas/DayReward" } }
            }
          },
          "AccountRewards": {
            "type": "object",
            "required": ["address", "days"],
            "properties": {
              "address": { "$ref": "#/components/schemas/Address" },
              "days": { "type": "array", "items": { "$ref": "#/components/schemas/DayReward" }, "description": "The account's share (as owner and as co-staker) per day." }
            }
          },
          "ReliabilityPoint": {
            "type": "object",
            "required": ["height", "end", "score"],
            "properties": {
              "height": { "type": "integer", "format": "int64" },
              "end": { "$ref": "#/components/schemas/Time" },
              "score": { "type": ["integer", "null"], "minimum": 0, "maximum": 100 }
            }
          },
          "Reliability": {
            "type": "object",
            "required": ["device_id", "reliability", "formula", "history"],
            "properties": {
              "device_id": { "$ref": "#/components/schemas/Uuid" },
              "reliability": { "type": ["integer", "null"], "minimum": 0, "maximum": 100, "description": "The current score; null with under 24 hours of telemetry." },
              "formula": { "type": "string", "description": "The formula in words (see the operation's description)." },
              "history": { "type": "array", "items": { "$ref": "#/components/schemas/ReliabilityPoint" } }
            }
          },
          "TransactionType": { "type": "string", "enum": ["stake", "create_offer", "retract_offer", "co_stake", "unstake", "withdraw", "claim_rewards", "appeal_slash"] },
          "SignedTransaction": {
            "type": "object",
            "required": ["message", "signature"],
            "additionalProperties": false,
            "properties": {
              "message": {
                "type": "string",
                "description": "The UTF-8 JSON text of a `TransactionMessage`, exactly as signed.",
                "contentMediaType": "application/json",
                "contentSchema": { "$ref": "#/components/schemas/TransactionMessage" }
              },
              "signature": { "type": "string", "pattern": "^[1-9A-HJ-NP-Za-km-z]{1,100}$", "description": "The base58 text of the 64-byte Ed25519 signature of the message's UTF-8 bytes by `signer`." }
            }
          },
          "MessageEnvelope": {
            "type": "object",
            "description": "The fields every signed message has.",
            "required": ["network", "type", "signer", "nonce", "expires_at"],
            "properties": {
              "network": { "type": "string", "description": "The network id of `GET /v1/status`; another is `wrong_network`." },
              "type": { "$ref": "#/components/schemas/TransactionType" },
              "signer": { "$ref": "#/components/schemas/Address" },
              "nonce": { "type": "string", "pattern": "^[A-Za-z0-9_-]{8,64}$", "description": "Unique per signer (`invalid_nonce` if not of this form; `duplicate_nonce` if used for another message)." },
              "expires_at": { "type": "string", "format": "date-time", "description": "After the network's now (`expired`) and at most 10 minutes ahead of it (`expiry_too_far`)." }
            }
          },
          "TransactionMessage": {
            "description": "The signed message: the envelope and the type's parameters at top level. Any other field is `malformed`.",
            "oneOf": [
              { "$ref": "#/components/schemas/StakeMessage" },
              { "$ref": "#/components/schemas/CreateOfferMessage" },
              { "$ref": "#/components/schemas/RetractOfferMessage" },
              { "$ref": "#/components/schemas/CoStakeMessage" },
              { "$ref": "#/components/schemas/UnstakeMessage" },
              { "$ref": "#/components/schemas/WithdrawMessage" },
              { "$ref": "#/components/schemas/ClaimRewardsMessage" },
              { "$ref": "#/components/schemas/AppealSlashMessage" }
            ],
            "discriminator": {
              "propertyName": "type",
              "mapping": {
                "stake": "#/components/schemas/StakeMessage",
                "create_offer": "#/components/schemas/CreateOfferMessage",
                "retract_offer": "#/components/schemas/RetractOfferMessage",
                "co_stake": "#/components/schemas/CoStakeMessage",
                "unstake": "#/components/schemas/UnstakeMessage",
                "withdraw": "#/components/schemas/WithdrawMessage",
                "claim_rewards": "#/components/schemas/ClaimRewardsMessage",
                "appeal_slash": "#/components/schemas/AppealSlashMessage"
              }
            }
          },
          "StakeMessage": {
            "description": "Owner only (`not_device_owner`). Adds to the owner's active position (creating it). Refused while the owner has a cooling position on the device (`cooldown_in_progress`), on a terminated device (`device_terminated`) or beyond the available balance (`insufficient_balance`).",
            "allOf": [{ "$ref": "#/components/schemas/MessageEnvelope" }],
            "required": ["device_id", "amount"],
            "properties": {
              "type": { "const": "stake" },
              "device_id": { "$ref": "#/components/schemas/Uuid" },
              "amount": { "$ref": "#/components/schemas/Amount" }
            },
            "unevaluatedProperties": false
          },
          "CreateOfferMessage": {
            "description": "Owner only. 0 < requested_amount ≤ 50% of the requirement (`requested_amount_out_of_range`); 500 ≤ reward_share_bps ≤ 10000 (`reward_share_out_of_range`); the model earns and the device is not terminated (`device_not_eligible`); one open or active offer per device (`offer_exists`); owner active + requested_amount ≥ requirement (`owner_stake_too_low`).",
            "allOf": [{ "$ref": "#/components/schemas/MessageEnvelope" }],
            "required": ["device_id", "requested_amount", "reward_share_bps"],
            "properties": {
              "type": { "const": "create_offer" },
              "device_id": { "$ref": "#/components/schemas/Uuid" },
              "requested_amount": { "$ref": "#/components/schemas/Amount" },
              "reward_share_bps": { "type": "integer", "minimum": 500, "maximum": 10000, "description": "A JSON number; out of range is 409 `reward_share_out_of_range`." }
            },
            "unevaluatedProperties": false
          },
          "RetractOfferMessage": {
            "description": "Owner only, while the offer is open (`offer_not_open`). The offer closes (reason `retracted`).",
            "allOf": [{ "$ref": "#/components/schemas/MessageEnvelope" }],
            "required": ["offer_id"],
            "properties": {
              "type": { "const": "retract_offer" },
              "offer_id": { "$ref": "#/components/schemas/Uuid" }
            },
            "unevaluatedProperties": false
          },
          "CoStakeMessage": {
            "description": "Any account but the owner (`own_device`). The terms must equal the offer's (`terms_mismatch`); the offer must be open (`offer_not_open`); at most 2 co-staker positions active or waiting (`claim_cap_reached`); the amount comes from the available balance (`insufficient_balance`).",
            "allOf": [{ "$ref": "#/components/schemas/MessageEnvelope" }],
            "required": ["offer_id", "requested_amount", "reward_share_bps"],
            "properties": {
              "type": { "const": "co_stake" },
              "offer_id": { "$ref": "#/components/schemas/Uuid" },
              "requested_amount": { "$ref": "#/components/schemas/Amount" },
              "reward_share_bps": { "type": "integer" }
            },
            "unevaluatedProperties": false
          },
          "UnstakeMessage": {
            "description": "The position's staker only (`not_position_owner`); the position must be active (`position_not_active`). Co-staker: the whole position waits 7 days, then cools 14 days. Owner with `amount` ≤ overflow: returned at once. Owner without `amount` or above overflow: full unstake into 14 days of cooling, refused while the device has an open offer (`retract_offer_first`); an active co-staker is forced straight into cooling. A full unstake is refused while the device is hired (`device_hired`).",
            "allOf": [{ "$ref": "#/components/schemas/MessageEnvelope" }],
            "required": ["position_id"],
            "properties": {
              "type": { "const": "unstake" },
              "position_id": { "$ref": "#/components/schemas/Uuid" },
              "amount": { "$ref": "#/components/schemas/Amount" }
            },
            "unevaluatedProperties": false
          },
          "WithdrawMessage": {
            "description": "The position's staker only; the position must be withdrawable (`not_withdrawable`). The amount returns to the available balance.",
            "allOf": [{ "$ref": "#/components/schemas/MessageEnvelope" }],
            "required": ["position_id"],
            "properties": {
              "type": { "const": "withdraw" },
              "position_id": { "$ref": "#/components/schemas/Uuid" }
            },
            "unevaluatedProperties": false
          },
          "ClaimRewardsMessage": {
            "description": "Moves every unclaimed reward of the signer's positions into its available balance (`nothing_to_claim` when there is none).",
            "allOf": [{ "$ref": "#/components/schemas/MessageEnvelope" }],
            "properties": { "type": { "const": "claim_rewards" } },
            "unevaluatedProperties": false
          },
          "AppealSlashMessage": {
            "description": "The device owner only, while the slash is pending and within its 30-day appeal window (`appeal_closed`).",
            "allOf": [{ "$ref": "#/components/schemas/MessageEnvelope" }],
            "required": ["slash_id"],
            "properties": {
              "type": { "const": "appeal_slash" },
              "slash_id": { "$ref": "#/components/schemas/Uuid" }
            },
            "unevaluatedProperties": false
          },
          "PositionResult": {
            "type": "object",
            "required": ["position_id"],
            "additionalProperties": false,
            "properties": { "position_id": { "$ref": "#/components/schemas/Uuid" } }
          },
          "OfferResult": {
            "type": "object",
            "required": ["offer_id"],
            "additionalProperties": false,
            "properties": { "offer_id": { "$ref": "#/components/schemas/Uuid" } }
          },
          "UnstakeResult": {
            "type": "object",
            "required": ["position_id", "state", "returned"],
            "additionalProperties": false,
            "properties": {
              "position_id": { "$ref": "#/components/schemas/Uuid" },
              "state": { "type": "string", "enum": ["active", "waiting", "cooling"], "description": "The position's state after the unstake (`active` after an overflow withdrawal)." },
              "returned": { "$ref": "#/components/schemas/Amount", "description": "Returned to the available balance at once; \"0\" when none." }
            }
          },
          "AmountResult": {
            "type": "object",
            "required": ["amount"],
            "additionalProperties": false,
            "properties": { "amount": { "$ref": "#/components/schemas/Amount" } }
          },
          "AppealResult": {
            "type": "object",
            "required": ["slash_id", "state"],
            "additionalProperties": false,
            "properties": {
              "slash_id": { "$ref": "#/components/schemas/Uuid" },
              "state": { "type": "string", "const": "appealed" }
            }
          },
          "TransactionResult": {
            "type": "object",
            "description": "An approved transaction. The fields of `result` depend on `type`.",
            "required": ["signature", "status", "type", "result"],
            "properties": {
              "signature": { "type": "string" },
              "status": { "type": "string", "const": "approved" },
              "type": { "$ref": "#/components/schemas/TransactionType" },
              "result": { "type": "object", "additionalProperties": { "type": "string" } }
            },
            "oneOf": [
              { "properties": { "type": { "const": "stake" }, "result": { "$ref": "#/components/schemas/PositionResult" } } },
              { "properties": { "type": { "const": "create_offer" }, "result": { "$ref": "#/components/schemas/OfferResult" } } },
              { "properties": { "type": { "const": "retract_offer" }, "result": { "$ref": "#/components/schemas/OfferResult" } } },
              { "properties": { "type": { "const": "co_stake" }, "result": { "$ref": "#/components/schemas/PositionResult" } } },
              { "properties": { "type": { "const": "unstake" }, "result": { "$ref": "#/components/schemas/UnstakeResult" } } },
              { "properties": { "type": { "const": "withdraw" }, "result": { "$ref": "#/components/schemas/AmountResult" } } },
              { "properties": { "type": { "const": "claim_rewards" }, "result": { "$ref": "#/components/schemas/AmountResult" } } },
              { "properties": { "type": { "const": "appeal_slash" }, "result": { "$ref": "#/components/schemas/AppealResult" } } }
            ]
          },
          "ApprovedTransaction": {
            "type": "object",
            "description": "A recorded approved transaction; `result` is as in its first response.",
            "required": ["signature", "status", "type", "signer", "message", "at", "result"],
            "properties": {
              "signature": { "type": "string" },
              "status": { "type": "string", "const": "approved" },
              "type": { "$ref": "#/components/schemas/TransactionType" },
              "signer": { "$ref": "#/components/schemas/Address" },
              "message": { "type": "string", "description": "The signed message text.", "contentMediaType": "application/json", "contentSchema": { "$ref": "#/components/schemas/TransactionMessage" } },
              "at": { "$ref": "#/components/schemas/Time" },
              "result": { "type": "object", "additionalProperties": { "type": "string" } }
            }
          },
          "FaucetRequest": {
            "type": "object",
            "required": ["account"],
            "properties": { "account": { "$ref": "#/components/schemas/Address" } }
          },
          "NewDevice": {
            "type": "object",
            "required": ["owner", "model", "processors"],
            "properties": {
              "device_id": { "oneOf": [{ "$ref": "#/components/schemas/Uuid" }, { "type": "null" }], "description": "Default (left out or null): a new random UUID." },
              "name": { "type": ["string", "null"], "minLength": 1, "maxLength": 100, "description": "Without control characters. Default (left out or null): \"<model> rig\"." },
              "owner": { "$ref": "#/components/schemas/Address" },
              "model": { "type": "string", "description": "A name of `GET /v1/models`." },
              "processors": { "type": "integer", "minimum": 1, "maximum": 64 },
              "status": { "oneOf": [{ "$ref": "#/components/schemas/DeviceStatus" }, { "type": "null" }], "description": "Default (left out or null): down." },
              "hired": { "type": ["boolean", "null"], "default": false }
            }
          },
          "DevicePatch": {
            "type": "object",
            "properties": {
              "status": { "oneOf": [{ "$ref": "#/components/schemas/DeviceStatus" }, { "type": "null" }], "description": "Left out or null: unchanged." },
              "hired": { "type": ["boolean", "null"], "description": "Left out or null: unchanged." }
            }
          },
          "TelemetryEvent": {
            "type": "object",
            "required": ["device_id", "at", "status"],
            "properties": {
              "device_id": { "$ref": "#/components/schemas/Uuid" },
              "at": { "$ref": "#/components/schemas/Time" },
              "status": { "type": "string", "enum": ["up", "down"] },
              "pow_ok": { "type": ["boolean", "null"], "description": "A proof-of-work check passed; left out or null, none was made." },
              "hired": { "type": ["boolean", "null"], "description": "The device was hired this hour (a hired hour counts as a valid proof of work); left out or null, not reported." }
            }
          },
          "TelemetryBatch": {
            "type": "object",
            "required": ["events"],
            "properties": {
              "events": {
                "type": "array",
                "description": "Each item is an event. An object that is not a valid `TelemetryEvent` (an unknown device, a bad time or status) is refused alone, listed in `rejected` with its index and reason, and the rest of the batch is applied; an item that is not an object refuses the whole batch (400 `malformed`).",
                "items": { "anyOf": [{ "$ref": "#/components/schemas/TelemetryEvent" }, { "type": "object" }] }
              }
            }
          },
          "TelemetryResult": {
            "type": "object",
            "required": ["accepted", "rejected"],
            "properties": {
              "accepted": { "type": "integer" },
              "rejected": {
                "type": "array",
                "items": {
                  "type": "object",
                  "required": ["index", "device_id", "reason"],
                  "properties": {
                    "index": { "type": "integer", "description": "The event's index in the batch." },
                    "device_id": { "type": "string" },
                    "reason": { "type": "string" }
                  }
                }
              }
            }
          },
          "Deposit": {
            "type": "object",
            "required": ["account", "amount"],
            "properties": {
              "account": { "$ref": "#/components/schemas/Address" },
              "amount": { "$ref": "#/components/schemas/Amount", "description": "More than 0." },
              "reference": { "type": ["string", "null"], "minLength": 1, "maxLength": 200, "description": "An external reference kept with the deposit's journal entry, without control characters; left out or null, `deposit-<uuid>`." }
            }
          },
          "NewSlash": {
            "type": "object",
            "required": ["device_id", "principal_bps", "rewards_bps", "reason"],
            "properties": {
              "device_id": { "$ref": "#/components/schemas/Uuid" },
              "principal_bps": { "type": "integer", "minimum": 0, "maximum": 10000 },
              "rewards_bps": { "type": "integer", "minimum": 0, "maximum": 10000 },
              "reason": { "type": "string", "minLength": 1, "maxLength": 500, "description": "Without control characters other than line breaks and tabs." }
            }
          },
          "SlashResolution": {
            "type": "object",
            "required": ["outcome"],
            "properties": { "outcome": { "type": "string", "enum": ["upheld", "overturned"] } }
          },
          "ClockAdvance": {
            "type": "object",
            "required": ["advance_seconds"],
            "properties": { "advance_seconds": { "type": "integer", "format": "int64", "minimum": 0, "maximum": 31622400 } }
          },
          "Clock": {
            "type": "object",
            "required": ["now", "last_block"],
            "properties": {
              "now": { "$ref": "#/components/schemas/Time" },
              "last_block": { "type": ["integer", "null"], "format": "int64" }
            }
          },
          "ErrorCode": {
            "description": "The machine-readable code; its HTTP status is fixed (see the document's description). The second form is a fallback for an HTTP-layer error no other code covers.",
            "oneOf": [
              {
                "type": "string",
                "enum": [
                  "malformed", "invalid_amount", "invalid_address", "invalid_nonce", "wrong_network", "expired", "expiry_too_far", "invalid_device", "unknown_model",
                  "invalid_signature",
                  "device_not_found", "offer_not_found", "position_not_found", "slash_not_found", "transaction_not_found", "not_found",
                  "forbidden",
                  "not_device_owner", "not_position_owner", "own_device", "requested_amount_out_of_range", "reward_share_out_of_range", "duplicate_nonce",
                  "cooldown_in_progress", "device_terminated", "insufficient_balance", "device_not_eligible", "offer_exists", "owner_stake_too_low",
                  "offer_not_open", "terms_mismatch", "claim_cap_reached", "position_not_active", "retract_offer_first", "device_hired",
                  "not_withdrawable", "nothing_to_claim", "appeal_closed", "device_exists", "slash_resolved", "arithmetic_overflow",
                  "clock_not_manual", "faucet_too_soon", "database_unavailable",
                  "body_too_large", "rate_limited", "unauthorized", "method_not_allowed",
                  "internal_error"
                ]
              },
              { "type": "string", "pattern": "^http_[0-9]{3}$" }
            ]
          },
          "Error": {
            "type": "object",
            "required": ["status", "error"],
            "properties": {
              "status": { "type": "string", "const": "failed" },
              "error": {
                "type": "object",
                "required": ["code", "message"],
                "properties": {
                  "code": { "$ref": "#/components/schemas/ErrorCode" },
                  "message": { "type": "string", "description": "What went wrong, in words a person can act on." }
                }
              }
            }
          }
        }
      }
    }
    """#
}
