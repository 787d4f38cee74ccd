-- What a key may do: "open311" keys (FixMyStreet and other Open311 clients) may only post
-- reports and comments; "staff" keys (integrations of the staff API) may also use /api/v1.
-- Keys made before scopes existed keep the narrower scope.
ALTER TABLE api_key ADD COLUMN scope TEXT NOT NULL DEFAULT 'open311'
  CHECK (scope IN ('open311', 'staff'));
