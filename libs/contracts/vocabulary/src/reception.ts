/** Where returnees are received: the airport reception centre and the land borders. */
export const RECEPTION_POINTS = [
  'aeropuerto-internacional-san-oscar-romero',
  'frontera-la-hachadura',
  'frontera-el-amatillo',
  'frontera-san-cristobal',
  'frontera-anguiatu',
  'frontera-el-poy',
  'otro',
] as const;
export type ReceptionPoint = (typeof RECEPTION_POINTS)[number];
