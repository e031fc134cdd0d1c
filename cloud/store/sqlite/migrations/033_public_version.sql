-- Issue 23: Open311's public reads are cached until a case changes. `public_version` counts the
-- writes to what those answers are made of — the cases, their timelines and the reference data that
-- names them (categories, units, regions) — by triggers, so every writer (this server, a script,
-- another connection) moves it inside its own transaction. Reading it is one row of one page.
CREATE TABLE public_version (id INTEGER PRIMARY KEY CHECK (id = 1), n INTEGER NOT NULL);
INSERT INTO public_version (id, n) VALUES (1, 0);
CREATE TRIGGER public_version_reports_insert AFTER INSERT ON reports BEGIN UPDATE public_version SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER public_version_reports_update AFTER UPDATE ON reports BEGIN UPDATE public_version SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER public_version_reports_delete AFTER DELETE ON reports BEGIN UPDATE public_version SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER public_version_events_insert AFTER INSERT ON report_events BEGIN UPDATE public_version SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER public_version_events_update AFTER UPDATE ON report_events BEGIN UPDATE public_version SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER public_version_events_delete AFTER DELETE ON report_events BEGIN UPDATE public_version SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER public_version_categories_insert AFTER INSERT ON categories BEGIN UPDATE public_version SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER public_version_categories_update AFTER UPDATE ON categories BEGIN UPDATE public_version SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER public_version_categories_delete AFTER DELETE ON categories BEGIN UPDATE public_version SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER public_version_units_insert AFTER INSERT ON units BEGIN UPDATE public_version SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER public_version_units_update AFTER UPDATE ON units BEGIN UPDATE public_version SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER public_version_units_delete AFTER DELETE ON units BEGIN UPDATE public_version SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER public_version_regions_insert AFTER INSERT ON regions BEGIN UPDATE public_version SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER public_version_regions_update AFTER UPDATE ON regions BEGIN UPDATE public_version SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER public_version_regions_delete AFTER DELETE ON regions BEGIN UPDATE public_version SET n = n + 1 WHERE id = 1; END;
