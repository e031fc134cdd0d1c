-- Issue 27: categories that ask their own questions (基础数据), and a case's answers to them.
-- Both JSON; NULL: none (categories and cases stored before them).
ALTER TABLE categories ADD COLUMN questions TEXT;
ALTER TABLE reports ADD COLUMN answers TEXT;
