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
; customUnInstall removes the Task Scheduler tasks of "Keep backing up when NoteVault is closed"
; (src-main/os-schedule/), so an uninstalled NoteVault is never started by the scheduler again:
; the usual data folder's task, named windowsTaskName() in src-main/os-schedule/os-schedule-names.ts
; for the account that runs the uninstaller (%USERNAME%), and every task the app noted under
; HKCU\Software\NoteVault\ScheduledBackupTasks (WINDOWS_TASKS_REGISTRY_KEY: one value per task,
; so the tasks of other data folders, whose names end in a tag, are found too). Then that key
; goes. scripts/nsis-uninstall-task.test.ts registers such tasks with schtasks under Wine and
; checks that the uninstaller removes them. Not on an update (--updated): the new version keeps
; the tasks, and re-registers them at its first start.

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
    ; Every task the app noted for this person (one value per task, named as the task), the
    ; tasks of other data folders (--user-data-dir) included; only names in \NoteVault\.
    StrCpy $R2 0
    ${Do}
      ClearErrors
      EnumRegValue $R3 HKCU "Software\NoteVault\ScheduledBackupTasks" $R2
      ${If} ${Errors}
      ${OrIf} $R3 == ""
        ${ExitDo}
      ${EndIf}
      StrCpy $R4 $R3 11
      ${If} $R4 == "\NoteVault\"
        DetailPrint "Removing the scheduled backup task $R3"
        nsExec::Exec '"$SYSDIR\schtasks.exe" /Delete /TN "$R3" /F'
        Pop $R1
      ${EndIf}
      IntOp $R2 $R2 + 1
    ${Loop}
    DeleteRegKey HKCU "Software\NoteVault\ScheduledBackupTasks"
    DeleteRegKey /ifempty HKCU "Software\NoteVault"
  ${endIf}
!macroend
