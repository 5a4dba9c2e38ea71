; Inno Setup script: the Windows installer of periferia-kiosk.
;
; Input: dist\periferia-kiosk\ built by PyInstaller on Windows (installers\kiosk.spec).
; Build: iscc /DAppVersion=X.Y.Z installers\windows\kiosk.iss, X.Y.Z being kiosk/__init__.py's
;        __version__ (the one version source; the Windows workflow reads it from there)
;        -> dist\periferia-kiosk-setup-X.Y.Z.exe
; Not built or run on the Linux build machines: CI builds it (.github/workflows/windows.yml).
;
; Silent install for many counters (standard Inno Setup switches plus /CONFIG):
;   periferia-kiosk-setup-X.Y.Z.exe /VERYSILENT /SUPPRESSMSGBOXES /NORESTART ^
;       /CONFIG="\\fileserver\kiosk\office-ATT-BTA-01.toml" /LOG="%TEMP%\kiosk-setup.log"
; /CONFIG=PATH copies that office configuration to %PROGRAMDATA%\periferia-kiosk\office.toml
; (an existing one is kept as office.toml.bak) and points KIOSK_OFFICE_CONFIG at it for
; every user. Without /CONFIG an existing office.toml is left as it is. Then, per device:
;   "C:\Program Files\periferia-kiosk\kiosk.exe" enroll --server URL --code CODE
;   "C:\Program Files\periferia-kiosk\kiosk.exe" doctor

#ifndef AppVersion
  #error Pass /DAppVersion= with kiosk/__init__.py's __version__ (the one version source).
#endif

[Setup]
AppId={{6A0F6D1E-3C1B-4E7A-9B7E-5B1E2A7C9F10}
AppName=Periferia kiosk
AppVersion={#AppVersion}
AppPublisher=Greek Regions
DefaultDirName={autopf}\periferia-kiosk
DefaultGroupName=Periferia kiosk
DisableProgramGroupPage=yes
OutputDir=..\..\dist
OutputBaseFilename=periferia-kiosk-setup-{#AppVersion}
Compression=lzma2
SolidCompression=yes
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
PrivilegesRequired=admin
ChangesEnvironment=yes
WizardStyle=modern

[Languages]
Name: "greek"; MessagesFile: "compiler:Languages\Greek.isl"
Name: "english"; MessagesFile: "compiler:Default.isl"

[Files]
Source: "..\..\dist\periferia-kiosk\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs
Source: "..\office.example.toml"; DestDir: "{commonappdata}\periferia-kiosk"; Flags: onlyifdoesntexist uninsneveruninstall

[Dirs]
Name: "{commonappdata}\periferia-kiosk"; Flags: uninsneveruninstall

[Registry]
Root: HKLM; Subkey: "SYSTEM\CurrentControlSet\Control\Session Manager\Environment"; \
    ValueType: string; ValueName: "KIOSK_OFFICE_CONFIG"; \
    ValueData: "{commonappdata}\periferia-kiosk\office.toml"; Flags: uninsdeletevalue

[Icons]
Name: "{group}\Periferia kiosk"; Filename: "{app}\kiosk.exe"
Name: "{group}\Periferia kiosk doctor"; Filename: "{cmd}"; Parameters: "/k ""{app}\kiosk.exe"" doctor"

[Run]
Filename: "{app}\kiosk.exe"; Parameters: "self-test"; Flags: runhidden waituntilterminated; \
    StatusMsg: "Self-test..."

[Code]
var
  ConfigSource: String;

function InitializeSetup(): Boolean;
begin
  ConfigSource := ExpandConstant('{param:CONFIG|}');
  Result := True;
  if (ConfigSource <> '') and not FileExists(ConfigSource) then
  begin
    Log('/CONFIG file not found: ' + ConfigSource);
    SuppressibleMsgBox('Office configuration not found: ' + ConfigSource, mbError, MB_OK, IDOK);
    Result := False;  { a silent install fails with exit code 1 rather than guess }
  end;
end;

procedure CurStepChanged(CurStep: TSetupStep);
var
  Target: String;
begin
  if (CurStep = ssPostInstall) and (ConfigSource <> '') then
  begin
    Target := ExpandConstant('{commonappdata}\periferia-kiosk\office.toml');
    if FileExists(Target) then
      FileCopy(Target, Target + '.bak', False);
    if not FileCopy(ConfigSource, Target, False) then
      RaiseException('Could not copy ' + ConfigSource + ' to ' + Target);
    Log('Office configuration copied to ' + Target);
  end;
end;
