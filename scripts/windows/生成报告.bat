@echo off
rem Double-click: builds the report of every facts file (.yaml) in this folder into output\.
rem With no facts file yet, writes a starter (facts.yaml) to fill in first.
cd /d "%~dp0"
if not exist *.yaml (
  workreport.exe init
  pause
  exit /b
)
for %%f in (*.yaml) do workreport.exe build "%%f"
pause
