-- Strategy Tracker on PostgreSQL, schema 5: a coordinator writes only
-- their own entries of the open period's lists. A unit's return and the
-- proposed narrative are lists inside the period's row, and schema 3 let
-- a coordinator's login rewrite the whole lists; the app (model
-- AuthorizePeriod) checked whose entries changed. Now the server refuses
-- a coordinator's change of the period that adds, changes or removes a
-- return of another unit, changes or removes a narrative text, or adds
-- one that is not their own unaccepted proposal for an area in which
-- they coordinate a measure. Entries are compared as the model reads
-- them: a key with a zero value (null, 0, "", false, {}, []) is one that
-- is absent, so that the store writing an entry back, or a field a later
-- model adds, changes nothing.
CREATE FUNCTION st_nonzero(e jsonb) RETURNS jsonb
LANGUAGE sql IMMUTABLE SET search_path = pg_catalog, public, pg_temp AS $$
  SELECT CASE jsonb_typeof(e) WHEN 'object' THEN
    (SELECT coalesce(jsonb_object_agg(k, v), '{}') FROM
      (SELECT k, st_nonzero(v) AS v FROM jsonb_each(e) AS f(k, v)) g
     WHERE v NOT IN ('null', '0', '""', 'false', '{}', '[]'))
  ELSE e END
$$;

CREATE FUNCTION st_period_entries() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
DECLARE
  me people%ROWTYPE;
  old_r jsonb := CASE WHEN jsonb_typeof(OLD.returns::jsonb) = 'array' THEN OLD.returns::jsonb ELSE '[]' END;
  new_r jsonb := CASE WHEN jsonb_typeof(NEW.returns::jsonb) = 'array' THEN NEW.returns::jsonb ELSE '[]' END;
  old_n jsonb := CASE WHEN jsonb_typeof(OLD.narrative::jsonb) = 'array' THEN OLD.narrative::jsonb ELSE '[]' END;
  new_n jsonb := CASE WHEN jsonb_typeof(NEW.narrative::jsonb) = 'array' THEN NEW.narrative::jsonb ELSE '[]' END;
  e jsonb;
BEGIN
  IF st_is_owner() OR st_my_role() IS DISTINCT FROM 'coordinator' THEN
    RETURN NEW;
  END IF;
  SELECT * INTO me FROM people WHERE id = st_me();
  FOR e IN SELECT x FROM jsonb_array_elements(new_r) x
           WHERE x ->> 'unit' IS DISTINCT FROM me.unit AND NOT EXISTS (SELECT 1 FROM jsonb_array_elements(old_r) y WHERE st_nonzero(y) = st_nonzero(x)) LOOP
    RAISE EXCEPTION 'period %: a coordinator of unit % may not record the return of unit %', NEW.id, me.unit, e ->> 'unit'
      USING ERRCODE = '42501';
  END LOOP;
  FOR e IN SELECT y FROM jsonb_array_elements(old_r) y
           WHERE y ->> 'unit' IS DISTINCT FROM me.unit AND NOT EXISTS (SELECT 1 FROM jsonb_array_elements(new_r) x WHERE st_nonzero(x) = st_nonzero(y)) LOOP
    RAISE EXCEPTION 'period %: a coordinator of unit % may not change or remove the return of unit %', NEW.id, me.unit, e ->> 'unit'
      USING ERRCODE = '42501';
  END LOOP;
  FOR e IN SELECT y FROM jsonb_array_elements(old_n) y
           WHERE NOT EXISTS (SELECT 1 FROM jsonb_array_elements(new_n) x WHERE st_nonzero(x) = st_nonzero(y)) LOOP
    RAISE EXCEPTION 'period %: a coordinator may not change or remove narrative text %', NEW.id, e -> 'id'
      USING ERRCODE = '42501';
  END LOOP;
  FOR e IN SELECT x FROM jsonb_array_elements(new_n) x
           WHERE NOT EXISTS (SELECT 1 FROM jsonb_array_elements(old_n) y WHERE st_nonzero(y) = st_nonzero(x)) LOOP
    IF EXISTS (SELECT 1 FROM jsonb_array_elements(old_n) y WHERE y -> 'id' = e -> 'id')
       OR e -> 'proposedBy' IS DISTINCT FROM to_jsonb(me.id)
       OR coalesce(e -> 'acceptedBy', 'null') NOT IN ('null', '0')
       OR NOT EXISTS (SELECT 1 FROM measures m WHERE m.area = e ->> 'area' AND (m.lead_unit = me.unit OR m.responsible_id = me.id)) THEN
      RAISE EXCEPTION 'period %: a coordinator adds to the narrative only their own proposal for an area of their measures (text %)', NEW.id, e -> 'id'
        USING ERRCODE = '42501';
    END IF;
  END LOOP;
  RETURN NEW;
END
$$;
CREATE TRIGGER st_period_entries BEFORE UPDATE ON periods FOR EACH ROW EXECUTE FUNCTION st_period_entries();
