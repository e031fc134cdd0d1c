-- The meeting point of a drive for the map (both null when only an address was given).
ALTER TABLE activities ADD COLUMN latitude REAL;
ALTER TABLE activities ADD COLUMN longitude REAL;
