import { Tag } from "antd";
import type { Certification, FarmCertificationStatus } from "@phuong-xanh/shared";
import { useFormat } from "../../../i18n/format";
import { certificationState } from "./registry-rules";
import { useRegistryT } from "./messages";

const STATUS_COLOUR: Record<FarmCertificationStatus, string> = { valid: "green", lapsed: "orange", none: "default" };

export function CertificationStatusTag({ status }: { status: FarmCertificationStatus }) {
  const t = useRegistryT();
  return <Tag color={STATUS_COLOUR[status]}>{t(`reg.cert.${status}`)}</Tag>;
}

/** A certificate's state today: valid, withdrawn from a day, or out of its validity. */
export function CertificateStateTag({ certification }: { certification: Certification }) {
  const t = useRegistryT();
  const format = useFormat();
  const state = certificationState(certification);
  if (state === "valid") return <Tag color="green">{t("reg.certValid")}</Tag>;
  if (state === "withdrawn")
    return <Tag color="red">{t("reg.certWithdrawn", { date: format.date(certification.withdrawnOn) })}</Tag>;
  return <Tag color="orange">{t("reg.certExpired")}</Tag>;
}
