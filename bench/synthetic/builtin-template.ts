/**
 * A small checklist template the synthetic MSP uses when no `templates/checklists/monthly.md` is
 * given: every tier, every frequency, tag-limited items for the tags the generator hands out, and
 * a monthly single. The repository's own template is richer; this one keeps the generator usable
 * on its own (tests, a checkout without templates).
 */
export const BUILTIN_MONTHLY_TEMPLATE = `---
title: Monthly maintenance
description: The synthetic MSP's standard monthly checklist.
---

# Monthly maintenance checklist

Each line ends in \`{#id tier [frequency] [in=months] [tags=client-tags]}\` (see docs/content-format.md).

## RMM alerting (automatic)

- Confirm RMM alerting works for stop errors: trigger a test alert and see it arrive {#rmm-alert-stop-errors automatic tags=windows-server}
- Confirm RMM alerting works for stopped critical services {#rmm-alert-critical-services automatic}
- Confirm RMM alerting works for low free disk space {#rmm-alert-disk-space automatic}

## Server and workstation health (remote)

- Review the system and application event logs for warnings and errors {#system-log-warnings remote tags=windows-server}
  Filter the last 30 days; group by source.
- Check the defragmentation level of spinning disks {#defrag-level remote tags=hdd}
- Check free disk space on every server volume {#disk-space-check remote tags=windows-server,nas}
- Confirm operating-system patches installed on every device {#patch-status-os remote}
- Confirm antivirus/EDR is running with current definitions {#antivirus-edr-status remote}
- Check backup job status and any failures or warnings {#backup-job-status remote}
- Review the firewall's logs and alerts {#firewall-log-review remote tags=firewall}
- Check the NAS's disk health and RAID status {#nas-health remote tags=nas}
- Review Microsoft 365 sign-in risk reports and the licence count {#m365-review remote tags=microsoft-365}

## Onsite visit

- Client check-in: ask the primary contact about any problems since the last visit {#checkin-contact onsite}
- Run the UPS self-test and note load, runtime and battery status {#ups-self-test onsite tags=ups}
- Verify last night's backup completed and a sample file opens from it {#backup-verify onsite}
- Label the rotated backup media and hand it to the person who takes it offsite {#backup-media-offsite onsite tags=usb-backup,tape-backup}
- Check the server room: temperature, airflow, dust, cabling {#server-room-walkthrough onsite tags=windows-server,nas}

## Quarterly and later

- Test-restore a sample of files from the backup {#test-restore onsite quarterly}
- Review user and service accounts {#account-review remote quarterly}
- Calibrate the UPS runtime {#ups-runtime-calibration onsite semiannual tags=ups}
- Print the whole binder for the client's primary contact {#printed-binder onsite annual in=dec}

## Monthly single

- Back up the firewall configuration, update its firmware, back it up again {#single-firewall-firmware onsite single in=jan tags=firewall}
- Update switch and wireless access point firmware {#single-network-firmware remote single in=mar}
- Review multi-factor authentication coverage {#single-mfa-review remote single in=may}
- Change the guest Wi-Fi key and review who has the staff Wi-Fi key {#single-wifi-review onsite single in=jul tags=wifi}
- Review the binder section by section with the client {#single-binder-review onsite single in=nov}
`;
