; NoteVault's additions to electron-builder's NSIS installer (electron-builder.yml: nsis.include).
;
; The uninstaller keeps the user's notes and backups by default: they are the one thing an
; uninstall must never lose by accident. Defining customUnInstallSection makes
; electron-builder add a components page to the uninstaller; the section below appears there
; as an unticked "Also remove my notes and backups" box.
;
; When it runs: only when the user ticks the box. A silent uninstall (/S) uses the default
; selection, so the box stays unticked; and electron-builder runs the old uninstaller silently
; with --updated when a newer version is installed, which is refused below a second time.
; `Uninstall NoteVault.exe --delete-app-data` is electron-builder's own switch for the same
; removal without the page.
;
; What it removes: %APPDATA%\NoteVault, the folder Electron's app.getPath('userData') gives
; for productName NoteVault (scripts/electron-builder-config.test.ts keeps the two in step).
; It holds the notes database and the backups NoteVault keeps there. Backups the user saved
; to other folders are never touched.
;
; customUnInstall removes the Task Scheduler task of "Keep backing up when NoteVault is closed"
; (src-main/os-schedule/), so an uninstalled NoteVault is never started by the scheduler again.
; Its name is windowsTaskName() in src-main/os-schedule/os-schedule-names.ts, for the account
; that runs the uninstaller (%USERNAME%); scripts/nsis-uninstall-task.test.ts registers a task
; under that name with schtasks under Wine and checks that the uninstaller removes it. Not on an
; update (--updated): the new version keeps the task, and re-registers it at its first start.

!ifdef BUILD_UNINSTALLER
  ; Read by the components page that electron-builder inserts for customUnInstallSection.
  !define MUI_COMPONENTSPAGE_TEXT_TOP "Your notes and backups in %APPDATA%\NoteVault are kept unless you tick the box below. Backups you saved to other folders are never removed."
!endif

!macro customUnInstallSection
  Section /o "un.Also remove my notes and backups" NoteVaultRemoveUserData
    ${ifNot} ${isUpdated}
      ; Electron keeps userData per user even in an all-users install: switch to the current
      ; user's %APPDATA% as electron-builder's own --delete-app-data does, then switch back.
      ${if} $installMode == "all"
        SetShellVarContext current
      ${endif}
      DetailPrint "Removing notes and backups in $APPDATA\NoteVault"
      RMDir /r "$APPDATA\NoteVault"
      ${if} $installMode == "all"
        SetShellVarContext all
      ${endif}
    ${endif}
  SectionEnd
!macroend

!macro customUnInstall
  ${ifNot} ${isUpdated}
    ReadEnvStr $R0 USERNAME
    DetailPrint "Removing the scheduled backup task \NoteVault\Scheduled backup ($R0)"
    ; schtasks exits 1 when there is no such task (the option was never turned on): that is fine.
    nsExec::Exec '"$SYSDIR\schtasks.exe" /Delete /TN "\NoteVault\Scheduled backup ($R0)" /F'
    Pop $R1
  ${endIf}
!macroend
