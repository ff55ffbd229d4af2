-- The dusun of the desa a posyandu serves, kept by the server and edited by staff (issue 11): a JSON array of
-- names, sent to phones with the enrollment area and on every pull, so the household form offers them.
ALTER TABLE posyandus ADD COLUMN dusun TEXT NOT NULL DEFAULT '[]';
