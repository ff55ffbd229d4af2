-- The pustu relay (docs/scaling.md, "The pustu relay"). On the puskesmas: a relay device may push on behalf of the
-- phones of its posyandu and pull with field stamps. On the relay: how far it has forwarded upstream and pulled.
ALTER TABLE devices ADD COLUMN relay BOOLEAN NOT NULL DEFAULT FALSE;

CREATE TABLE relay_state (
  posyandu_id TEXT PRIMARY KEY,
  forwarded_version BIGINT NOT NULL DEFAULT 0,
  upstream_cursor TEXT NOT NULL DEFAULT ''
);
